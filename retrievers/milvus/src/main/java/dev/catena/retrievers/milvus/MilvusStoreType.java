package dev.catena.retrievers.milvus;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.catena.core.component.AbstractComponentType;
import dev.catena.core.component.ComponentContext;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingStore;

/**
 * {@code kind: Store, type: milvus}: a Milvus collection through the Java SDK's v2 client, registered through
 * ServiceLoader. Creating one connects to the server (and creates the collection if absent); validating a file does not.
 */
public final class MilvusStoreType extends AbstractComponentType<MilvusStoreType.Spec, EmbeddingStore<TextSegment>> {

    /** The fields of a {@code milvus} store. */
    public record Spec(
            @JsonProperty(required = true) @JsonPropertyDescription("Server URI, e.g. http://127.0.0.1:19530") String uri,
            @JsonProperty(required = true) @JsonPropertyDescription("Collection (created if absent)") String collection,
            @JsonProperty(required = true) @JsonPropertyDescription("Vector dimension") int dimension,
            @JsonPropertyDescription("Database (default: the server's)") String databaseName,
            @JsonPropertyDescription("user:password or API key, e.g. ${env:MILVUS_TOKEN}") String token) {}

    public MilvusStoreType() {
        super("Store", "milvus", Spec.class, EmbeddingStore.class, "A Milvus collection (gRPC, milvus-sdk-java v2 client)");
    }

    @Override
    public EmbeddingStore<TextSegment> create(Spec s, ComponentContext ctx) {
        return MilvusEmbeddingStore.builder().uri(s.uri()).collection(s.collection()).dimension(s.dimension())
                .databaseName(s.databaseName()).token(s.token()).build();
    }
}
