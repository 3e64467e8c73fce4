package dev.catena.retrievers.retrieval;

import dev.catena.core.retrieval.Retriever;
import dev.catena.retrievers.query.SelfQueryParser;
import dev.catena.retrievers.query.StructuredQuery;
import dev.catena.core.runnable.RunContext;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.query.Query;

import java.util.List;
import java.util.Objects;

/**
 * Self-query retrieval: an LLM turns the question into a search text plus a metadata filter
 * ({@link SelfQueryParser}, e.g. "install guides for version 3 on Linux" becomes "install guide"
 * with {@code os = linux AND version >= 3}), and a {@link FilteredRetriever} searches with both.
 */
public final class SelfQueryRetriever implements Retriever {

    private final SelfQueryParser parser;
    private final FilteredRetriever base;

    private SelfQueryRetriever(SelfQueryParser parser, FilteredRetriever base) {
        this.parser = Objects.requireNonNull(parser, "parser");
        this.base = Objects.requireNonNull(base, "base");
    }

    public static SelfQueryRetriever of(SelfQueryParser parser, FilteredRetriever base) {
        return new SelfQueryRetriever(parser, base);
    }

    @Override
    public List<Content> retrieve(Query query) {
        return search(query, parser.parse(query.text()));
    }

    /** Runs the LLM call as a child run of {@code run}. */
    @Override
    public List<Content> doInvoke(Query query, RunContext run) {
        return search(query, parser.parse(query.text(), run.child()));
    }

    private List<Content> search(Query query, StructuredQuery structured) {
        Query rewritten = query.metadata() == null ? Query.from(structured.text())
                : Query.from(structured.text(), query.metadata());
        return base.retrieve(rewritten, structured.filter());
    }
}
