package dev.catena.retrievers.milvus;

import dev.catena.retrievers.store.EmbeddingStoreConformance;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingStore;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Milvus store through the conformance kit against a real Milvus (milvus-lite's bundled
 * server); the persistence test restarts the server on the same database file.
 */
class MilvusConformanceTest extends EmbeddingStoreConformance {

    @RegisterExtension
    static final MilvusServer SERVER = new MilvusServer();

    @Override
    protected EmbeddingStore<TextSegment> open(String name) {
        return MilvusEmbeddingStore.builder().uri(SERVER.url()).collection(name).dimension(DIMENSION).build();
    }

    @Override
    protected Set<Capability> capabilities() {
        return EnumSet.allOf(Capability.class);
    }

    @Override
    protected void restart() {
        SERVER.restart();
    }
}
