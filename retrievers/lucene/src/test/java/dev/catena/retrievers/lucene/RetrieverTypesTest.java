package dev.catena.retrievers.lucene;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.catena.core.component.ComponentContext;
import dev.catena.core.component.ComponentType;
import dev.catena.core.retrieval.Retriever;
import dev.catena.retrievers.store.StoreOutageContract.HashEmbeddings;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.rag.query.Query;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Store, Model and Retriever types are registered and build working components from specs. */
class RetrieverTypesTest {

    @TempDir
    Path dir;

    private final ObjectMapper strict = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    private final Map<String, Object> beans = new HashMap<>();

    @SuppressWarnings("rawtypes")
    private static Map<String, ComponentType> types() {
        return ServiceLoader.load(ComponentType.class).stream().map(ServiceLoader.Provider::get)
                .filter(t -> t.getClass().getName().startsWith("dev.catena.retrievers."))
                .collect(Collectors.toMap(t -> t.kind() + " " + t.type(), t -> t));
    }

    private final ComponentContext context = new ComponentContext() {
        @Override public <T> T resolve(String ref, Class<T> type) { return type.cast(beans.get(ref)); }
        @Override public String env(String name) { throw new IllegalArgumentException("no env " + name); }
        @Override public Path path(String relative) { return dir.resolve(relative); }
    };

    @SuppressWarnings({"unchecked", "rawtypes"})
    private <T> T create(String kindAndType, Map<String, Object> fields) {
        ComponentType type = types().get(kindAndType);
        Object spec = strict.convertValue(fields, type.specClass());
        Object product = type.create(spec, context);
        assertThat(type.productClass()).isAssignableFrom(product.getClass());
        return (T) product;
    }

    @Test
    void everyTypeIsRegistered() {
        assertThat(types().keySet()).containsExactlyInAnyOrder("Store lucene", "Model minilm",
                "Retriever vector");
    }

    @Test
    void luceneOnDiskBehindAVectorRetriever() throws Exception {
        try (LuceneEmbeddingStore store = create("Store lucene", Map.of("dimension", HashEmbeddings.DIMENSION, "path", "index"))) {
            assertThat(Files.isDirectory(dir.resolve("index"))).isTrue();
            EmbeddingModel model = new HashEmbeddings();
            List<TextSegment> segments = List.of(TextSegment.from("pay the invoice by card"), TextSegment.from("reset your passphrase"));
            store.addAll(model.embedAll(segments).content(), segments);
            beans.put("docs", store);
            beans.put("embed", model);
            Retriever retriever = create("Retriever vector", Map.of("store", Map.of("ref", "docs"),
                    "embeddingModel", Map.of("ref", "embed"), "maxResults", 1));
            assertThat(retriever.retrieve(Query.from("passphrase reset")))
                    .singleElement().satisfies(c -> assertThat(c.textSegment().text()).isEqualTo("reset your passphrase"));
        }
    }

    @Test
    void specsAreStrict() {
        assertThatThrownBy(() -> create("Store lucene", Map.of("dimension", 4, "directory", "x")))
                .hasRootCauseInstanceOf(UnrecognizedPropertyException.class).hasMessageContaining("directory");
    }
}
