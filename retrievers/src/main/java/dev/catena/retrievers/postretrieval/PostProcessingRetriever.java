package dev.catena.retrievers.postretrieval;

import dev.catena.core.retrieval.Retriever;
import dev.catena.core.runnable.RunContext;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.query.Query;

import java.util.List;
import java.util.Objects;

/**
 * A retriever followed by post-processing steps: contextual compression
 * ({@link #compressing}: {@link LlmExtractCompressor}, {@link EmbeddingsFilter}) or re-ranking
 * ({@link #reranking}: {@link ScoringModelReranker}, {@link LlmReranker}).
 */
public final class PostProcessingRetriever implements Retriever {

    private final Retriever base;
    private final List<ContentPostProcessor> steps;

    private PostProcessingRetriever(Retriever base, List<ContentPostProcessor> steps) {
        this.base = Objects.requireNonNull(base, "base");
        this.steps = List.copyOf(steps);
    }

    /** {@code base} followed by {@code steps} in order. */
    public static PostProcessingRetriever of(Retriever base, ContentPostProcessor... steps) {
        return new PostProcessingRetriever(base, List.of(steps));
    }

    /** Contextual compression: keeps only the parts of each result that bear on the query. */
    public static PostProcessingRetriever compressing(Retriever base, ContentPostProcessor compressor) {
        return of(base, compressor);
    }

    /** Re-ranking: reorders (and trims) the base results by a finer relevance judgement. */
    public static PostProcessingRetriever reranking(Retriever base, ContentPostProcessor reranker) {
        return of(base, reranker);
    }

    @Override
    public List<Content> retrieve(Query query) {
        return process(query, base.retrieve(query));
    }

    /** Runs the base retriever as a child run of {@code run}. */
    @Override
    public List<Content> doInvoke(Query query, RunContext run) {
        return process(query, base.invoke(query, run.child()));
    }

    private List<Content> process(Query query, List<Content> contents) {
        for (ContentPostProcessor step : steps) contents = step.process(query, contents);
        return contents;
    }
}
