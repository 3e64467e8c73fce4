package dev.catena.retrievers.chroma;

import dev.catena.retrievers.store.EmbeddingStoreConformance;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingStore;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Chroma store through the conformance kit against a real Chroma server; the persistence test
 * restarts the server on the same data directory between close and reopen.
 */
class ChromaConformanceTest extends EmbeddingStoreConformance {

    @RegisterExtension
    static final ChromaServer SERVER = new ChromaServer();

    @Override
    protected EmbeddingStore<TextSegment> open(String name) {
        return ChromaEmbeddingStore.builder()
                .connection(ChromaClient.builder().baseUrl(SERVER.url()).tenant("catena_tests").database("conformance"))
                .collection(name).dimension(DIMENSION).build();
    }

    @Override
    protected void restart() {
        SERVER.restart();
    }
}
