package dev.catena.retrievers.milvus;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.catena.core.component.ComponentContext;
import dev.catena.core.component.ComponentType;
import dev.langchain4j.store.embedding.EmbeddingStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Path;
import java.util.Map;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code type: milvus} is registered through ServiceLoader, needs its dimension, and connects to a real Milvus server. */
class MilvusStoreTypeTest {

    @RegisterExtension
    static final MilvusServer MILVUS = new MilvusServer();

    private static final ComponentContext NO_CONTEXT = new ComponentContext() {
        @Override public <T> T resolve(String ref, Class<T> type) { throw new IllegalArgumentException("no bean " + ref); }
        @Override public String env(String name) { throw new IllegalArgumentException("no env " + name); }
        @Override public Path path(String relative) { return Path.of(relative); }
    };

    private final ObjectMapper strict = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    @SuppressWarnings("rawtypes")
    private static ComponentType type() {
        return ServiceLoader.load(ComponentType.class).stream().map(ServiceLoader.Provider::get)
                .filter(t -> t.kind().equals("Store") && t.type().equals("milvus")).findFirst().orElseThrow();
    }

    @Test
    @SuppressWarnings("unchecked")
    void theRegisteredTypeConnectsFromItsSpec() {
        Object spec = strict.convertValue(Map.of("uri", MILVUS.url(), "collection", "from_yaml", "dimension", 4), type().specClass());
        try (MilvusEmbeddingStore milvus = (MilvusEmbeddingStore) type().create(spec, NO_CONTEXT)) {
            assertThat(milvus).isInstanceOf(EmbeddingStore.class);
        }
    }

    @Test
    void theDimensionIsRequired() {
        assertThatThrownBy(() -> strict.convertValue(Map.of("uri", "http://127.0.0.1:1", "collection", "c"), type().specClass()))
                .hasMessageContaining("dimension");
    }
}
