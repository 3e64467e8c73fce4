package dev.catena.retrievers.ingest;

import java.time.Duration;

/**
 * What one ingestion did.
 *
 * @param documents documents read
 * @param chunks chunks the splitter produced
 * @param added chunks embedded and stored by this run
 * @param skipped chunks already stored by an earlier run (or repeated within this one)
 * @param removed chunks of changed documents that they no longer produce, removed from the store
 * @param recovered ids of an interrupted earlier batch that were removed from the store before resuming
 * @param batches store batches written
 * @param elapsed wall time
 */
public record IngestionReport(int documents, int chunks, int added, int skipped, int removed, int recovered, int batches,
                              Duration elapsed) {

    /** Chunks stored per second by this run. */
    public double chunksPerSecond() {
        double s = elapsed.toNanos() / 1e9;
        return s <= 0 ? 0 : added / s;
    }
}
