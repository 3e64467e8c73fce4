package dev.catena.retrievers.lucene.eval;

/** The retriever configurations {@link FolderRetrievers} builds. */
public enum RetrieverKind {
    /** BM25 with Lucene's analyzer for the query's script. */
    BM25,
    /** Embedding similarity alone. */
    VECTOR,
    /** Vector and BM25 fused by reciprocal rank. */
    HYBRID,
    /** {@link #HYBRID} for queries in Latin and other scripts, {@link #BM25} for Chinese, Japanese and Korean. */
    AUTO
}
