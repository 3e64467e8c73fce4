package dev.catena.samples.support;

/** How {@link KnowledgeBase#search(String, int, RetrievalMode)} ranks passages. */
public enum RetrievalMode {
    /** BM25 with Lucene's analyzer for the question's script. */
    BM25,
    /** MiniLM similarity alone. */
    VECTOR,
    /** Vector and BM25 fused by reciprocal rank. */
    HYBRID,
    /** The default: {@link #HYBRID} for questions in Latin and other scripts, {@link #BM25} for Chinese, Japanese and Korean. */
    AUTO
}
