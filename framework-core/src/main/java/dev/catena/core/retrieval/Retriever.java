package dev.catena.core.retrieval;

import dev.catena.core.runnable.RunContext;
import dev.catena.core.runnable.Runnable;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import dev.langchain4j.rag.query.Query;

import java.util.List;
import java.util.Objects;

/**
 * Finds content relevant to a query. A Catena retriever is both a {@link Runnable} (so it composes
 * and traces) and a LangChain4j {@link ContentRetriever} (so LangChain4j RAG code can use it).
 * Implementations write {@link #retrieve(Query)}.
 */
@FunctionalInterface
public interface Retriever extends Runnable<Query, List<Content>>, ContentRetriever {

    @Override
    List<Content> retrieve(Query query);

    @Override
    default List<Content> doInvoke(Query input, RunContext run) {
        return retrieve(input);
    }

    /** Retrieves for a plain-text query. */
    default List<Content> retrieve(String query) {
        return retrieve(Query.from(query));
    }

    /** Adapts any LangChain4j content retriever. */
    static Retriever of(ContentRetriever retriever) {
        Objects.requireNonNull(retriever, "retriever");
        if (retriever instanceof Retriever r) return r;
        return retriever::retrieve;
    }
}
