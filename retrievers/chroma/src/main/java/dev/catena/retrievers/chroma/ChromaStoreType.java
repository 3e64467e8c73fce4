package dev.catena.retrievers.chroma;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.catena.core.component.AbstractComponentType;
import dev.catena.core.component.ComponentContext;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingStore;

/**
 * {@code kind: Store, type: chroma}: a Chroma collection over the v2 REST API, registered through ServiceLoader.
 * Creating one connects to the server (and creates the collection if absent); validating a file does not.
 */
public final class ChromaStoreType extends AbstractComponentType<ChromaStoreType.Spec, EmbeddingStore<TextSegment>> {

    /** The fields of a {@code chroma} store. */
    public record Spec(
            @JsonProperty(required = true) @JsonPropertyDescription("Server URL, e.g. http://127.0.0.1:8000") String url,
            @JsonProperty(required = true) @JsonPropertyDescription("Collection (created if absent, cosine space)") String collection,
            @JsonPropertyDescription("Tenant (default default_tenant)") String tenant,
            @JsonPropertyDescription("Database (default default_database)") String database,
            @JsonPropertyDescription("Token sent as x-chroma-token, e.g. ${env:CHROMA_TOKEN}") String apiKey,
            @JsonPropertyDescription("Vector dimension, checked before sending") Integer dimension) {}

    public ChromaStoreType() {
        super("Store", "chroma", Spec.class, EmbeddingStore.class, "A Chroma collection (v2 REST API)");
    }

    @Override
    public EmbeddingStore<TextSegment> create(Spec s, ComponentContext ctx) {
        ChromaClient.Builder connection = ChromaClient.builder().baseUrl(s.url()).apiKey(s.apiKey());
        if (s.tenant() != null) {
            connection.tenant(s.tenant());
        }
        if (s.database() != null) {
            connection.database(s.database());
        }
        ChromaEmbeddingStore.Builder b = ChromaEmbeddingStore.builder().connection(connection).collection(s.collection());
        if (s.dimension() != null) {
            b.dimension(s.dimension());
        }
        return b.build();
    }
}
