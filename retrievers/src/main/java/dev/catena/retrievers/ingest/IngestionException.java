package dev.catena.retrievers.ingest;

/**
 * An ingestion stopped part-way. Batches before the failing one are stored and recorded in the
 * ledger; running the same ingestion again resumes after them.
 */
public final class IngestionException extends RuntimeException {

    public IngestionException(String message, Throwable cause) {
        super(message, cause);
    }
}
