package dev.catena.retrievers.retrieval;

import dev.catena.retrievers.embedding.DefaultEmbeddingModel;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.query.Query;
import dev.langchain4j.store.embedding.CosineSimilarity;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.langchain4j.store.embedding.filter.Filter;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Maximal marginal relevance: fetches {@code fetchK} candidates by similarity, then picks
 * {@code maxResults} of them one at a time, each maximising
 * {@code lambda * sim(query, c) - (1 - lambda) * max sim(c, already picked)}, so that near-duplicates
 * give way to diverse results. {@code lambda = 1} is plain similarity ranking.
 */
public final class MmrRetriever implements FilteredRetriever {

    private final EmbeddingStore<TextSegment> store;
    private final EmbeddingModel model;
    private final int maxResults;
    private final int fetchK;
    private final double lambda;
    private final Filter filter;

    private MmrRetriever(Builder b) {
        this.store = Objects.requireNonNull(b.store, "store is required");
        this.model = b.model == null ? DefaultEmbeddingModel.find() : b.model;
        if (b.maxResults <= 0) throw new IllegalArgumentException("maxResults must be positive, was " + b.maxResults);
        if (b.fetchK < b.maxResults) {
            throw new IllegalArgumentException("fetchK (" + b.fetchK + ") must be at least maxResults (" + b.maxResults + ")");
        }
        if (b.lambda < 0 || b.lambda > 1) throw new IllegalArgumentException("lambda must be in [0, 1], was " + b.lambda);
        this.maxResults = b.maxResults;
        this.fetchK = b.fetchK;
        this.lambda = b.lambda;
        this.filter = b.filter;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public List<Content> retrieve(Query query, Filter extra) {
        Embedding q = model.embed(query.text()).content();
        List<EmbeddingMatch<TextSegment>> candidates = new ArrayList<>(store.search(EmbeddingSearchRequest.builder()
                .queryEmbedding(q).maxResults(fetchK).filter(FilteredRetriever.both(filter, extra)).build()).matches());
        List<Embedding> vectors = new ArrayList<>();
        for (EmbeddingMatch<TextSegment> m : candidates) {
            vectors.add(m.embedding() != null ? m.embedding() : model.embed(m.embedded()).content());
        }
        List<Double> relevance = vectors.stream().map(v -> CosineSimilarity.between(q, v)).toList();
        List<Integer> picked = new ArrayList<>();
        boolean[] used = new boolean[candidates.size()];
        while (picked.size() < Math.min(maxResults, candidates.size())) {
            int best = -1;
            double bestScore = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < candidates.size(); i++) {
                if (used[i]) continue;
                double redundancy = 0;
                for (int j : picked) redundancy = Math.max(redundancy, CosineSimilarity.between(vectors.get(i), vectors.get(j)));
                double score = lambda * relevance.get(i) - (1 - lambda) * (picked.isEmpty() ? 0 : redundancy);
                if (score > bestScore) {
                    bestScore = score;
                    best = i;
                }
            }
            used[best] = true;
            picked.add(best);
        }
        return picked.stream().map(i -> Contents.of(candidates.get(i))).toList();
    }

    /** Builds an {@link MmrRetriever}. */
    public static final class Builder {
        private EmbeddingStore<TextSegment> store;
        private EmbeddingModel model;
        private int maxResults = 5;
        private int fetchK = 20;
        private double lambda = 0.5;
        private Filter filter;

        private Builder() {
        }

        public Builder store(EmbeddingStore<TextSegment> store) {
            this.store = store;
            return this;
        }

        public Builder embeddingModel(EmbeddingModel model) {
            this.model = model;
            return this;
        }

        /** Results returned; default 5. */
        public Builder maxResults(int maxResults) {
            this.maxResults = maxResults;
            return this;
        }

        /** Candidates fetched by similarity before re-ranking; default 20. */
        public Builder fetchK(int fetchK) {
            this.fetchK = fetchK;
            return this;
        }

        /** Trade-off between relevance (1) and diversity (0); default 0.5. */
        public Builder lambda(double lambda) {
            this.lambda = lambda;
            return this;
        }

        public Builder filter(Filter filter) {
            this.filter = filter;
            return this;
        }

        public MmrRetriever build() {
            return new MmrRetriever(this);
        }
    }
}
