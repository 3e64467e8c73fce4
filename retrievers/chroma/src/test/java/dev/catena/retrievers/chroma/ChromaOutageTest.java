package dev.catena.retrievers.chroma;

import dev.catena.retrievers.store.StoreOutageContract;
import dev.catena.retrievers.store.StoreServerExtension;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingStore;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Chroma killed during ingestion and restarted on its data directory (issue 9, store faults). */
class ChromaOutageTest extends StoreOutageContract {

    @RegisterExtension
    static final ChromaServer SERVER = new ChromaServer();

    @Override
    protected StoreServerExtension server() {
        return SERVER;
    }

    @Override
    protected EmbeddingStore<TextSegment> open(String name) {
        return ChromaEmbeddingStore.builder().connection(connection()).collection(name).dimension(HashEmbeddings.DIMENSION).build();
    }

    @Override
    protected List<String> storedIds(String name) {
        try (ChromaClient client = client()) {
            return client.get(client.getOrCreateCollection(name, "cosine"), null, null, null, null, List.of()).ids();
        }
    }

    @Override
    protected long count(String name) {
        try (ChromaClient client = client()) {
            return client.count(client.getOrCreateCollection(name, "cosine"));
        }
    }

    private static ChromaClient client() {
        return connection().build();
    }

    private static ChromaClient.Builder connection() {
        return ChromaClient.builder().baseUrl(SERVER.url()).tenant("catena_tests").database("outage");
    }
}
