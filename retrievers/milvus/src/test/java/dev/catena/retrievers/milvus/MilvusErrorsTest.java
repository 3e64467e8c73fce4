package dev.catena.retrievers.milvus;

import dev.catena.retrievers.store.ServerProcess;
import dev.catena.retrievers.store.StoreException;
import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static dev.langchain4j.store.embedding.filter.MetadataFilterBuilder.metadataKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Failures and hostile input for the Milvus store against a real server: string values cannot
 * break out of their literal, an unreachable server is a {@link StoreException} naming the URI
 * (without the token), bad names are rejected before any call.
 */
class MilvusErrorsTest {

    @RegisterExtension
    static final MilvusServer SERVER = new MilvusServer();

    private static final String TOKEN = "root:s3cret-never-shown";

    @Test
    void stringValuesCannotChangeTheExpression() {
        try (MilvusEmbeddingStore store = MilvusEmbeddingStore.builder().uri(SERVER.url()).collection("escapes").dimension(2).build()) {
            String hostile = "x\" or id != \"";
            store.addAll(List.of("a", "b"), List.of(new Embedding(new float[] {1, 0}), new Embedding(new float[] {0, 1})),
                    List.of(TextSegment.from("a", Metadata.from("name", hostile)), TextSegment.from("b", Metadata.from("name", "y\\"))));
            assertThat(search(store, metadataKey("name").isEqualTo("x"))).isEmpty();
            assertThat(search(store, metadataKey("name").isEqualTo(hostile))).containsExactly("a");
            assertThat(search(store, metadataKey("name").isEqualTo("y\\"))).containsExactly("b");
            assertThat(search(store, metadataKey("name").isIn("z\"]) or (id != \"", "y\\"))).containsExactly("b");
            assertThat(MilvusFilters.toExpression(metadataKey("k\"ey").isEqualTo("v\n"), "metadata"))
                    .isEqualTo("metadata[\"k\\\"ey\"] == \"v\\n\"");
        }
    }

    @Test
    void unreachableServerFailsFastNamingTheUri() {
        String uri = "http://127.0.0.1:" + ServerProcess.freePort();
        StoreException e = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            try {
                MilvusEmbeddingStore.builder().uri(uri).token(TOKEN).collection("nowhere").dimension(2)
                        .connectTimeout(Duration.ofSeconds(2)).build();
                return null;
            } catch (StoreException thrown) {
                return thrown;
            }
        });
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains(uri).contains("'nowhere'").doesNotContain("s3cret");
    }

    @Test
    void badNamesAndDimensionsAreRejectedUpFront() {
        assertThatThrownBy(() -> MilvusEmbeddingStore.builder().uri(SERVER.url()).collection("bad-name").dimension(2).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'bad-name'");
        try (MilvusEmbeddingStore store = MilvusEmbeddingStore.builder().uri(SERVER.url()).collection("dims").dimension(2).build()) {
            assertThatThrownBy(() -> store.add(new Embedding(new float[] {1, 2, 3})))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dimension 3").hasMessageContaining("expects 2");
        }
    }

    private static List<String> search(MilvusEmbeddingStore store, dev.langchain4j.store.embedding.filter.Filter filter) {
        return store.search(EmbeddingSearchRequest.builder().queryEmbedding(new Embedding(new float[] {1, 1}))
                .maxResults(10).minScore(0.0).filter(filter).build()).matches().stream().map(m -> m.embeddingId()).toList();
    }
}
