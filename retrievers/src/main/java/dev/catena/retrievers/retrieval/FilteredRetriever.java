package dev.catena.retrievers.retrieval;

import dev.catena.core.retrieval.Retriever;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.query.Query;
import dev.langchain4j.store.embedding.filter.Filter;

import java.util.List;

/**
 * A retriever that can also restrict its results with a metadata {@link Filter} chosen per query
 * (used by {@link SelfQueryRetriever}). A retriever's own filter, if it has one, always applies too.
 */
public interface FilteredRetriever extends Retriever {

    /**
     * Retrieves for {@code query}, keeping only content whose metadata satisfies {@code filter}
     * (null: no extra filter) as well as the retriever's own filter.
     */
    List<Content> retrieve(Query query, Filter filter);

    @Override
    default List<Content> retrieve(Query query) {
        return retrieve(query, null);
    }

    /** Combines the retriever's own filter with a per-query one (both must hold). */
    static Filter both(Filter own, Filter extra) {
        if (own == null) return extra;
        if (extra == null) return own;
        return Filter.and(own, extra);
    }
}
