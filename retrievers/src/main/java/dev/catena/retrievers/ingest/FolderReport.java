package dev.catena.retrievers.ingest;

import java.nio.file.Path;
import java.util.List;

/**
 * What one {@link FolderIngestion#sync()} did.
 *
 * @param files files found that a loader handles
 * @param unchanged files whose content hash matched the manifest (not read again)
 * @param changed new or changed files that were loaded and ingested
 * @param deleted files of the manifest that are gone or no longer load
 * @param removed chunks of deleted files removed from the store
 * @param skipped files that could not be ingested, with the reason
 * @param ingestion the pipeline's report for the changed files
 */
public record FolderReport(int files, int unchanged, int changed, int deleted, int removed, List<Skipped> skipped,
                           IngestionReport ingestion) {

    /** A file left out, and why (e.g. "not valid UTF-8 text"). */
    public record Skipped(Path file, String reason) {}
}
