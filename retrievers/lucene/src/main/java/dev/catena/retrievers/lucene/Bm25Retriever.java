package dev.catena.retrievers.lucene;

import dev.catena.retrievers.retrieval.Contents;
import dev.catena.retrievers.retrieval.FilteredRetriever;
import dev.catena.retrievers.store.KeywordSearch;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.query.Query;
import dev.langchain4j.store.embedding.filter.Filter;

import java.util.List;
import java.util.Objects;

/**
 * Lexical retrieval: ranks chunks by BM25 through a {@link KeywordSearch} (a store's own full-text
 * index, or a {@link Bm25Index}). Scores are raw BM25 scores.
 */
public final class Bm25Retriever implements FilteredRetriever {

    private final KeywordSearch search;
    private final int maxResults;
    private final Filter filter;

    private Bm25Retriever(KeywordSearch search, int maxResults, Filter filter) {
        this.search = Objects.requireNonNull(search, "search");
        if (maxResults <= 0) throw new IllegalArgumentException("maxResults must be positive, was " + maxResults);
        this.maxResults = maxResults;
        this.filter = filter;
    }

    public static Bm25Retriever of(KeywordSearch search, int maxResults) {
        return new Bm25Retriever(search, maxResults, null);
    }

    public static Bm25Retriever of(KeywordSearch search, int maxResults, Filter filter) {
        return new Bm25Retriever(search, maxResults, filter);
    }

    @Override
    public List<Content> retrieve(Query query, Filter extra) {
        return search.keywordSearch(query.text(), maxResults, FilteredRetriever.both(filter, extra)).stream().map(Contents::of).toList();
    }

}
