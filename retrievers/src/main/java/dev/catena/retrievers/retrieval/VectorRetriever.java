package dev.catena.retrievers.retrieval;

import dev.catena.retrievers.embedding.DefaultEmbeddingModel;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.query.Query;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.langchain4j.store.embedding.filter.Filter;

import java.util.List;
import java.util.Objects;

/**
 * Dense retrieval: embeds the query and returns the {@code maxResults} most similar chunks of an
 * {@link EmbeddingStore} scoring at least {@code minScore}, each with its score and embedding id.
 */
public final class VectorRetriever implements FilteredRetriever {

    private final EmbeddingStore<TextSegment> store;
    private final EmbeddingModel model;
    private final int maxResults;
    private final double minScore;
    private final Filter filter;

    private VectorRetriever(Builder b) {
        this.store = Objects.requireNonNull(b.store, "store is required");
        this.model = b.model == null ? DefaultEmbeddingModel.find() : b.model;
        if (b.maxResults <= 0) throw new IllegalArgumentException("maxResults must be positive, was " + b.maxResults);
        if (b.minScore < 0 || b.minScore > 1) throw new IllegalArgumentException("minScore must be in [0, 1], was " + b.minScore);
        this.maxResults = b.maxResults;
        this.minScore = b.minScore;
        this.filter = b.filter;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public List<Content> retrieve(Query query, Filter extra) {
        EmbeddingSearchRequest request = EmbeddingSearchRequest.builder()
                .queryEmbedding(model.embed(query.text()).content())
                .maxResults(maxResults)
                .minScore(minScore)
                .filter(FilteredRetriever.both(filter, extra))
                .build();
        return store.search(request).matches().stream().map(Contents::of).toList();
    }


    /** Builds a {@link VectorRetriever}. */
    public static final class Builder {
        private EmbeddingStore<TextSegment> store;
        private EmbeddingModel model;
        private int maxResults = 5;
        private double minScore = 0;
        private Filter filter;

        private Builder() {
        }

        /** The store to search (required). */
        public Builder store(EmbeddingStore<TextSegment> store) {
            this.store = store;
            return this;
        }

        /** The model that embedded the store's chunks; defaults to {@link DefaultEmbeddingModel#find() the default model} (all-MiniLM-L6-v2 with catena-retrievers-onnx). */
        public Builder embeddingModel(EmbeddingModel model) {
            this.model = model;
            return this;
        }

        /** Results returned at most; default 5. */
        public Builder maxResults(int maxResults) {
            this.maxResults = maxResults;
            return this;
        }

        /** Lowest relevance score kept, in [0, 1]; default 0. */
        public Builder minScore(double minScore) {
            this.minScore = minScore;
            return this;
        }

        /** A metadata filter every result must satisfy. */
        public Builder filter(Filter filter) {
            this.filter = filter;
            return this;
        }

        public VectorRetriever build() {
            return new VectorRetriever(this);
        }
    }
}
