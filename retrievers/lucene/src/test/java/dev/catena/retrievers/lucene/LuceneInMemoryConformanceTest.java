package dev.catena.retrievers.lucene;

import dev.catena.retrievers.store.EmbeddingStoreConformance;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingStore;
import java.util.EnumSet;
import java.util.Set;

/** The Lucene store in memory through the conformance kit (no persistence test). */
class LuceneInMemoryConformanceTest extends EmbeddingStoreConformance {

    @Override
    protected EmbeddingStore<TextSegment> open(String name) {
        return LuceneEmbeddingStore.builder().inMemory().dimension(DIMENSION).build();
    }

    @Override
    protected boolean persistent() {
        return false;
    }

    @Override
    protected Set<Capability> capabilities() {
        return EnumSet.allOf(Capability.class);
    }
}
