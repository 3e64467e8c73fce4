package dev.catena.retrievers.chroma;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.catena.retrievers.store.ServerProcess;
import dev.catena.retrievers.store.StoreException;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Failures of the Chroma store against a real server: what the server rejects and an unreachable
 * server become {@link StoreException}s naming the URL, the collection and the server's message,
 * without the API token; malformed answers are rejected by {@link ChromaResponses}.
 */
class ChromaErrorsTest {

    @RegisterExtension
    static final ChromaServer SERVER = new ChromaServer();

    private static final String TOKEN = "tok-5ecret-never-shown";

    @Test
    void serverRejectionNamesUrlCollectionAndServerMessage() {
        assertThatThrownBy(() -> ChromaEmbeddingStore.builder().connection(connection(SERVER.url())).collection("x!").build())
                .isInstanceOf(StoreException.class)
                .hasMessageContaining(SERVER.url()).hasMessageContaining("'x!'").hasMessageContaining("HTTP 4")
                .hasMessageContaining("Expected a name")
                .message().doesNotContain(TOKEN);
    }

    @Test
    void dimensionClashReportedByTheServer() {
        try (ChromaEmbeddingStore store = ChromaEmbeddingStore.builder().connection(connection(SERVER.url())).collection("clash")
                .build()) {
            store.add("a", new Embedding(new float[] {1, 0, 0, 0}));
            assertThatThrownBy(() -> store.addAll(List.of("b"), List.of(new Embedding(new float[] {1, 0})),
                    List.of(TextSegment.from("b"))))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("collection 'clash'").hasMessageContaining("upsert")
                    .hasMessageContaining("dimension")
                    .message().doesNotContain(TOKEN);
        }
    }

    @Test
    void unreachableServerFailsFastNamingTheUrl() {
        String url = "http://127.0.0.1:" + ServerProcess.freePort();
        StoreException e = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            try {
                ChromaEmbeddingStore.builder().connection(connection(url)).collection("nowhere").build();
                return null;
            } catch (StoreException thrown) {
                return thrown;
            }
        });
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains(url).contains("cannot reach the server").doesNotContain(TOKEN);
    }

    @Test
    void malformedAnswersAreStoreExceptionsNamingTheField() throws Exception {
        ObjectMapper json = new ObjectMapper();
        assertThatThrownBy(() -> ChromaResponses.query(json.readTree("{\"ids\":[[\"a\",\"b\"]],\"distances\":[[0.1]]}"), "q"))
                .isInstanceOf(StoreException.class).hasMessageContaining("'distances'");
        assertThatThrownBy(() -> ChromaResponses.query(json.readTree("{\"ids\":[[1]],\"distances\":[[0.1]]}"), "q"))
                .isInstanceOf(StoreException.class).hasMessageContaining("id 1 is not a string");
        assertThatThrownBy(() -> ChromaResponses.records(json.readTree("{\"ids\":[\"a\"],\"metadatas\":[{\"k\":[1]}]}"), "g"))
                .isInstanceOf(StoreException.class).hasMessageContaining("metadata 'k'");
        assertThatThrownBy(() -> ChromaResponses.records(json.readTree("[]"), "g"))
                .isInstanceOf(StoreException.class).hasMessageContaining("not a JSON object");
        ChromaQueryResult ok = ChromaResponses.query(json.readTree(
                "{\"ids\":[[\"a\"]],\"distances\":[[0.25]],\"documents\":[[null]],\"metadatas\":null,\"embeddings\":[[[1,2]]]}"), "q");
        assertThat(ok.records().ids()).containsExactly("a");
        assertThat(ok.distances()).containsExactly(0.25);
        assertThat(ok.records().embeddings().getFirst()).containsExactly(1f, 2f);
        assertThat(ChromaResponses.errorMessage("{\"error\":\"NotFoundError\",\"message\":\"gone\"}")).isEqualTo("NotFoundError: gone");
    }

    @Test
    void theStoreTakesItsConnectionFromTheClientBuilderWithItsChecks() {
        assertThatThrownBy(() -> ChromaEmbeddingStore.builder().collection("docs").build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("needs a connection");
        assertThatThrownBy(() -> ChromaEmbeddingStore.builder().connection(connection(SERVER.url()).tenant("ab")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tenant name 'ab'");
        assertThatThrownBy(() -> ChromaEmbeddingStore.builder().connection(ChromaClient.builder().baseUrl("ftp://x")).collection("docs").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an http(s) URL");
    }

    private static ChromaClient.Builder connection(String url) {
        return ChromaClient.builder().baseUrl(url).apiKey(TOKEN);
    }
}
