package dev.catena.retrievers.retrieval;

import dev.catena.core.runnable.RunConfig;
import dev.catena.core.runnable.RunContext;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.query.Query;
import dev.langchain4j.store.embedding.filter.Filter;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Hybrid retrieval: runs several retrievers (typically {@link VectorRetriever} and
 * {@code Bm25Retriever} (catena-retrievers-lucene)) concurrently and merges their rankings with {@link RankFusion reciprocal
 * rank fusion}. A per-query filter is passed to every retriever. Invoked as a step, each retriever
 * runs as a child run (visible in traces).
 */
public final class HybridRetriever implements FilteredRetriever {

    private final List<FilteredRetriever> retrievers;
    private final List<Double> weights;
    private final int k;
    private final int maxResults;

    private HybridRetriever(List<FilteredRetriever> retrievers, List<Double> weights, int k, int maxResults) {
        if (retrievers.isEmpty()) throw new IllegalArgumentException("at least one retriever is required");
        if (maxResults <= 0) throw new IllegalArgumentException("maxResults must be positive, was " + maxResults);
        if (k <= 0) throw new IllegalArgumentException("k must be positive, was " + k);
        if (weights.size() != retrievers.size()) {
            throw new IllegalArgumentException(weights.size() + " weights for " + retrievers.size() + " retrievers");
        }
        this.retrievers = List.copyOf(retrievers);
        this.weights = List.copyOf(weights);
        this.k = k;
        this.maxResults = maxResults;
    }

    /** Vector and keyword retrieval with equal weights and the default fusion constant. */
    public static HybridRetriever of(FilteredRetriever vector, FilteredRetriever keyword, int maxResults) {
        return new HybridRetriever(List.of(vector, keyword), List.of(1.0, 1.0), RankFusion.DEFAULT_K, maxResults);
    }

    /** Any retrievers, each with a weight, fused with constant {@code k}. */
    public static HybridRetriever of(List<FilteredRetriever> retrievers, List<Double> weights, int k, int maxResults) {
        return new HybridRetriever(retrievers, weights, k, maxResults);
    }

    @Override
    public List<Content> retrieve(Query query, Filter filter) {
        return fuse(query, filter, null);
    }

    /** Runs the retrievers as child runs of {@code run}, so that they appear in its trace. */
    @Override
    public List<Content> doInvoke(Query query, RunContext run) {
        return fuse(query, null, run.child());
    }

    private List<Content> fuse(Query query, Filter filter, RunConfig child) {
        Objects.requireNonNull(query, "query");
        List<List<Content>> rankings = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<List<Content>>> futures = new ArrayList<>();
            for (FilteredRetriever r : retrievers) {
                futures.add(pool.submit(() -> child == null ? r.retrieve(query, filter) : r.invoke(query, child)));
            }
            for (Future<List<Content>> f : futures) rankings.add(f.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrieving", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            throw new IllegalStateException(e.getCause());
        }
        return RankFusion.fuse(rankings, weights, k, maxResults);
    }

}
