package dev.catena.retrievers.lucene;

import dev.catena.retrievers.store.EmbeddingStoreConformance;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingStore;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;

/** The Lucene store on disk through the conformance kit; reopening a directory finds its data. */
class LuceneDiskConformanceTest extends EmbeddingStoreConformance {

    @TempDir
    Path dir;

    @Override
    protected EmbeddingStore<TextSegment> open(String name) {
        return LuceneEmbeddingStore.builder().directory(dir.resolve(name)).dimension(DIMENSION).build();
    }

    @Override
    protected Set<Capability> capabilities() {
        return EnumSet.allOf(Capability.class);
    }
}
