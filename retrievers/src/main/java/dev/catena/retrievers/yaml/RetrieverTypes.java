package dev.catena.retrievers.yaml;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.catena.core.component.AbstractComponentType;
import dev.catena.core.component.ComponentContext;
import dev.catena.core.component.Ref;
import dev.catena.core.retrieval.Retriever;
import dev.catena.retrievers.embedding.EmbeddingModels;
import dev.catena.retrievers.retrieval.VectorRetriever;
import dev.catena.retrievers.store.chroma.ChromaClient;
import dev.catena.retrievers.store.chroma.ChromaEmbeddingStore;
import dev.catena.retrievers.store.lucene.LuceneEmbeddingStore;
import dev.catena.retrievers.store.milvus.MilvusEmbeddingStore;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.store.embedding.EmbeddingStore;

/**
 * The vector stores, embedding model and retriever YAML files may declare, registered through
 * ServiceLoader: {@code kind: Store} ({@code lucene}, {@code chroma}, {@code milvus}),
 * {@code kind: Model} ({@code minilm}, an embedding model) and {@code kind: Retriever}
 * ({@code vector}).
 *
 * <pre>{@code
 * - kind: Store
 *   name: docs
 *   type: chroma
 *   url: http://127.0.0.1:8000
 *   collection: handbook
 *   apiKey: ${env:CHROMA_TOKEN}
 * - kind: Retriever
 *   name: handbook
 *   type: vector
 *   store: {ref: docs}
 *   embeddingModel: {ref: minilm}
 *   maxResults: 4
 * }</pre>
 *
 * <p>Creating a {@code chroma} or {@code milvus} store connects to its server (and creates the
 * collection if absent); validating a file does not.
 */
public final class RetrieverTypes {

    private RetrieverTypes() {}

    private abstract static class StoreType<S> extends AbstractComponentType<S, EmbeddingStore<TextSegment>> {
        StoreType(String type, Class<S> spec, String description) {
            super("Store", type, spec, EmbeddingStore.class, description);
        }
    }

    /** {@code type: lucene}. */
    public record LuceneSpec(
            @JsonProperty(required = true) @JsonPropertyDescription("Vector dimension, e.g. 384 for all-MiniLM-L6-v2") int dimension,
            @JsonPropertyDescription("Index directory relative to this file; omitted: in memory") String path) {}

    /** The embedded Lucene store (HNSW vectors plus BM25 text), on disk or in memory. */
    public static final class Lucene extends StoreType<LuceneSpec> {
        public Lucene() {
            super("lucene", LuceneSpec.class, "Embedded Lucene index (HNSW + BM25), on disk or in memory");
        }

        @Override
        public EmbeddingStore<TextSegment> create(LuceneSpec s, ComponentContext ctx) {
            LuceneEmbeddingStore.Builder b = LuceneEmbeddingStore.builder().dimension(s.dimension());
            return (s.path() == null ? b.inMemory() : b.directory(ctx.path(s.path()))).build();
        }
    }

    /** {@code type: chroma}. */
    public record ChromaSpec(
            @JsonProperty(required = true) @JsonPropertyDescription("Server URL, e.g. http://127.0.0.1:8000") String url,
            @JsonProperty(required = true) @JsonPropertyDescription("Collection (created if absent, cosine space)") String collection,
            @JsonPropertyDescription("Tenant (default default_tenant)") String tenant,
            @JsonPropertyDescription("Database (default default_database)") String database,
            @JsonPropertyDescription("Token sent as x-chroma-token, e.g. ${env:CHROMA_TOKEN}") String apiKey,
            @JsonPropertyDescription("Vector dimension, checked before sending") Integer dimension) {}

    /** A Chroma collection over the v2 REST API. */
    public static final class Chroma extends StoreType<ChromaSpec> {
        public Chroma() {
            super("chroma", ChromaSpec.class, "A Chroma collection (v2 REST API)");
        }

        @Override
        public EmbeddingStore<TextSegment> create(ChromaSpec s, ComponentContext ctx) {
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

    /** {@code type: milvus}. */
    public record MilvusSpec(
            @JsonProperty(required = true) @JsonPropertyDescription("Server URI, e.g. http://127.0.0.1:19530") String uri,
            @JsonProperty(required = true) @JsonPropertyDescription("Collection (created if absent)") String collection,
            @JsonProperty(required = true) @JsonPropertyDescription("Vector dimension") int dimension,
            @JsonPropertyDescription("Database (default: the server's)") String databaseName,
            @JsonPropertyDescription("user:password or API key, e.g. ${env:MILVUS_TOKEN}") String token) {}

    /** A Milvus collection through the Java SDK's v2 client. */
    public static final class Milvus extends StoreType<MilvusSpec> {
        public Milvus() {
            super("milvus", MilvusSpec.class, "A Milvus collection (gRPC, milvus-sdk-java v2 client)");
        }

        @Override
        public EmbeddingStore<TextSegment> create(MilvusSpec s, ComponentContext ctx) {
            return MilvusEmbeddingStore.builder().uri(s.uri()).collection(s.collection()).dimension(s.dimension())
                    .databaseName(s.databaseName()).token(s.token()).build();
        }
    }

    /** {@code type: minilm}. */
    public record MiniLmSpec(@JsonPropertyDescription("Use the quantized variant (default false)") Boolean quantized) {}

    /** The in-process all-MiniLM-L6-v2 embedding model (384 dimensions). */
    public static final class MiniLm extends AbstractComponentType<MiniLmSpec, EmbeddingModel> {
        public MiniLm() {
            super("Model", "minilm", MiniLmSpec.class, EmbeddingModel.class, "In-process all-MiniLM-L6-v2 embeddings (384 dimensions)");
        }

        @Override
        public EmbeddingModel create(MiniLmSpec s, ComponentContext ctx) {
            return Boolean.TRUE.equals(s.quantized()) ? EmbeddingModels.miniLmQuantized() : EmbeddingModels.miniLm();
        }
    }

    /** {@code type: vector}. */
    public record VectorSpec(
            @JsonProperty(required = true) @JsonPropertyDescription("The store: {ref: <Store>} or {bean: <host EmbeddingStore>}") Ref store,
            @JsonPropertyDescription("The embedding model: {ref: <Model>}; default all-MiniLM-L6-v2") Ref embeddingModel,
            @JsonPropertyDescription("Results returned at most (default 5)") Integer maxResults,
            @JsonPropertyDescription("Lowest relevance score kept, in [0, 1] (default 0)") Double minScore) {}

    /** Similarity search in a store. */
    public static final class Vector extends AbstractComponentType<VectorSpec, Retriever> {
        public Vector() {
            super("Retriever", "vector", VectorSpec.class, Retriever.class, "Similarity search in a vector store");
        }

        @Override
        @SuppressWarnings("unchecked")
        public Retriever create(VectorSpec s, ComponentContext ctx) {
            VectorRetriever.Builder b = VectorRetriever.builder()
                    .store((EmbeddingStore<TextSegment>) ctx.resolve(s.store(), EmbeddingStore.class));
            if (s.embeddingModel() != null) {
                b.embeddingModel(ctx.resolve(s.embeddingModel(), EmbeddingModel.class));
            }
            if (s.maxResults() != null) {
                b.maxResults(s.maxResults());
            }
            if (s.minScore() != null) {
                b.minScore(s.minScore());
            }
            return b.build();
        }
    }
}
