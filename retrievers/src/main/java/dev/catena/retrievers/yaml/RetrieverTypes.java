package dev.catena.retrievers.yaml;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.catena.core.component.AbstractComponentType;
import dev.catena.core.component.ComponentContext;
import dev.catena.core.component.Ref;
import dev.catena.core.retrieval.Retriever;
import dev.catena.retrievers.retrieval.VectorRetriever;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.store.embedding.EmbeddingStore;

/**
 * The retriever YAML files may declare, {@code kind: Retriever} ({@code vector}), registered through
 * ServiceLoader. The {@code kind: Store} types {@code lucene}, {@code chroma}, {@code milvus} and
 * {@code pgvector} come with their own modules, and so does the {@code minilm} embedding model
 * (catena-retrievers-onnx).
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
 */
public final class RetrieverTypes {

    private RetrieverTypes() {}

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
