package dev.catena.retrievers.chroma;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.catena.core.component.ComponentContext;
import dev.catena.core.component.ComponentType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Path;
import java.util.Map;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code type: chroma} is registered through ServiceLoader and connects to a real Chroma server from its spec. */
class ChromaStoreTypeTest {

    @RegisterExtension
    static final ChromaServer CHROMA = new ChromaServer();

    private static final ComponentContext NO_CONTEXT = new ComponentContext() {
        @Override public <T> T resolve(String ref, Class<T> type) { throw new IllegalArgumentException("no bean " + ref); }
        @Override public String env(String name) { throw new IllegalArgumentException("no env " + name); }
        @Override public Path path(String relative) { return Path.of(relative); }
    };

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void theRegisteredTypeConnectsFromItsSpec() {
        ComponentType type = ServiceLoader.load(ComponentType.class).stream().map(ServiceLoader.Provider::get)
                .filter(t -> t.kind().equals("Store") && t.type().equals("chroma")).findFirst().orElseThrow();
        assertThat(type).isInstanceOf(ChromaStoreType.class);
        Object spec = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).convertValue(
                Map.of("url", CHROMA.url(), "collection", "from_yaml", "tenant", "yaml_tenant", "dimension", 4), type.specClass());
        try (ChromaEmbeddingStore chroma = (ChromaEmbeddingStore) type.create(spec, NO_CONTEXT)) {
            assertThat(chroma.collection().name()).isEqualTo("from_yaml");
            assertThat(chroma.size()).isZero();
        }
    }
}
