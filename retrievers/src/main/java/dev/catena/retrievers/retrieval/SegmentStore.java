package dev.catena.retrievers.retrieval;

import dev.langchain4j.data.segment.TextSegment;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Holds whole segments by id, e.g. the parent chunks of a {@link ParentDocumentRetriever}.
 * {@link #inMemory()} is a concurrent map; implement it over any key-value store to persist.
 */
public interface SegmentStore {

    void put(String id, TextSegment segment);

    Optional<TextSegment> get(String id);

    /** A thread-safe in-memory store. */
    static SegmentStore inMemory() {
        Map<String, TextSegment> map = new ConcurrentHashMap<>();
        return new SegmentStore() {
            @Override
            public void put(String id, TextSegment segment) {
                map.put(id, segment);
            }

            @Override
            public Optional<TextSegment> get(String id) {
                return Optional.ofNullable(map.get(id));
            }
        };
    }
}
