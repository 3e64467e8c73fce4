package dev.catena.retrievers.retrieval;

import dev.catena.core.retrieval.Retriever;
import dev.catena.retrievers.query.LlmQueryExpander;
import dev.catena.core.runnable.RunContext;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.query.Query;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Multi-query retrieval: an LLM rewrites the question into several phrasings
 * ({@link LlmQueryExpander}); each is retrieved with the base retriever and the rankings are merged
 * with reciprocal rank fusion, so that content found by several phrasings rises.
 */
public final class MultiQueryRetriever implements Retriever {

    private final LlmQueryExpander expander;
    private final Retriever base;
    private final int maxResults;

    private MultiQueryRetriever(LlmQueryExpander expander, Retriever base, int maxResults) {
        this.expander = Objects.requireNonNull(expander, "expander");
        this.base = Objects.requireNonNull(base, "base");
        if (maxResults <= 0) throw new IllegalArgumentException("maxResults must be positive, was " + maxResults);
        this.maxResults = maxResults;
    }

    public static MultiQueryRetriever of(LlmQueryExpander expander, Retriever base, int maxResults) {
        return new MultiQueryRetriever(expander, base, maxResults);
    }

    @Override
    public List<Content> retrieve(Query query) {
        Collection<Query> queries = expander.transform(query);
        List<List<Content>> rankings = new ArrayList<>();
        for (Query q : queries) rankings.add(base.retrieve(q));
        return RankFusion.fuse(rankings, maxResults);
    }

    /** Runs the LLM rewrite and every retrieval as child runs of {@code run}. */
    @Override
    public List<Content> doInvoke(Query query, RunContext run) {
        Collection<Query> queries = expander.transform(query, run.child());
        List<List<Content>> rankings = new ArrayList<>();
        for (Query q : queries) rankings.add(base.invoke(q, run.child()));
        return RankFusion.fuse(rankings, maxResults);
    }
}
