package dev.catena.retrievers.ingest;

import dev.langchain4j.data.segment.TextSegment;

import java.util.List;

/** Follows an ingestion's progress. All methods are optional. */
public interface IngestionListener {

    /** Splitting is done: {@code toStore} chunks will be embedded and stored, {@code skipped} were already stored. */
    default void onStart(int toStore, int skipped) {
    }

    /**
     * A batch was written to the store under {@code ids}; e.g. mirror it into a
     * {@code Bm25Index} (catena-retrievers-lucene) for stores without full-text search.
     */
    default void onStored(List<String> ids, List<TextSegment> segments) {
    }

    /** A batch was stored; {@code stored} of {@code toStore} chunks are done. */
    default void onBatch(int stored, int toStore) {
    }

    /** The ingestion finished. */
    default void onFinish(IngestionReport report) {
    }

    /** A listener that ignores everything. */
    static IngestionListener none() {
        return new IngestionListener() {
        };
    }
}
