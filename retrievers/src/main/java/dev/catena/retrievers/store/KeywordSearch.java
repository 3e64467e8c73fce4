package dev.catena.retrievers.store;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.filter.Filter;
import java.util.List;

/**
 * Full-text (BM25) search over the segments a store holds, the lexical half of hybrid retrieval.
 *
 * <p>Stores that can rank text by term statistics implement it next to {@code EmbeddingStore}. The
 * score of each match is the store's raw BM25 score: higher is better, but it is not bounded to
 * {@code [0, 1]} and is comparable only between matches of the same query.
 */
public interface KeywordSearch {

    /**
     * Ranks stored segments against {@code query} by BM25.
     *
     * @param query free text; analysed the same way the stored text was
     * @param maxResults upper bound on the number of matches returned; must be positive
     * @param filter metadata filter the matches must satisfy, or {@code null} for none
     * @return matches best first; each carries the segment and its id, embedding may be {@code null}
     */
    List<EmbeddingMatch<TextSegment>> keywordSearch(String query, int maxResults, Filter filter);
}
