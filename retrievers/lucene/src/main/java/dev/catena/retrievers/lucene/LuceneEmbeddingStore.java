package dev.catena.retrievers.lucene;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.catena.retrievers.lucene.analysis.ScriptAnalyzers;
import dev.catena.retrievers.store.AbstractEmbeddingStore;
import dev.catena.retrievers.store.KeywordSearch;
import dev.catena.retrievers.store.MetadataCodec;
import dev.catena.retrievers.store.StoreException;
import dev.catena.retrievers.store.filter.FilterValues;
import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.EmbeddingSearchResult;
import dev.langchain4j.store.embedding.filter.Filter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.KnnVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.QueryBuilder;

/**
 * The embedded default vector store: one Apache Lucene index holding, per entry, an HNSW vector
 * (cosine), the segment text indexed for BM25 (analyzed by its script, {@link ScriptAnalyzers}) and
 * the segment metadata indexed for filtering.
 *
 * <p>Lives in a directory on disk (survives restarts) or in memory; needs no server. Every write
 * ({@code add*}, {@code remove*}) is committed before it returns and is visible to the next search.
 * Adding an id that is already stored replaces that entry (upsert). Thread-safe; close it to release
 * the index lock.
 *
 * <p>Scores: vector search returns LangChain4j's relevance score {@code (1 + cosine) / 2};
 * {@link #keywordSearch} returns raw BM25 scores.
 */
public final class LuceneEmbeddingStore extends AbstractEmbeddingStore implements KeywordSearch, Closeable {

    static final String ID = "id";
    static final String TEXT = "text";
    static final String VECTOR = "vector";
    static final String METADATA = "metadata";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String location;
    private final int dimension;
    private final int candidates;
    private final Analyzer analyzer;
    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;

    private LuceneEmbeddingStore(Builder builder) {
        this.location = builder.path == null ? "in-memory index" : builder.path.toString();
        this.dimension = builder.dimension;
        this.candidates = builder.candidates;
        this.analyzer = builder.analyzer;
        try {
            if (builder.path != null) {
                Files.createDirectories(builder.path);
                this.directory = FSDirectory.open(builder.path);
            } else {
                this.directory = new ByteBuffersDirectory();
            }
            checkStoredDimension();
            this.writer = new IndexWriter(directory, new IndexWriterConfig(analyzer != null ? analyzer
                    : ScriptAnalyzers.forScript(ScriptAnalyzers.Script.OTHER))
                    .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND));
            this.writer.commit();
            this.searchers = new SearcherManager(writer, null);
        } catch (IOException e) {
            throw new StoreException("Lucene store at " + location + ": cannot open the index: " + e.getMessage(), e);
        }
    }

    /** Starts a builder; {@link Builder#dimension(int)} and a location are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** The vector dimension this store accepts. */
    public int dimension() {
        return dimension;
    }






    @Override
    public void addAll(List<String> ids, List<Embedding> embeddings, List<TextSegment> segments) {
        checkSizes("Lucene store at " + location, ids, embeddings, segments);
        for (int i = 0; i < ids.size(); i++) {
            Objects.requireNonNull(ids.get(i), "id");
            Objects.requireNonNull(embeddings.get(i), "embedding of " + ids.get(i));
            checkDimension(embeddings.get(i).vector(), "embedding of '" + ids.get(i) + "'");
        }
        // Each document is built right before it is written: its text's token stream is consumed there.
        write(() -> {
            for (int i = 0; i < ids.size(); i++) {
                writer.updateDocument(new Term(ID, ids.get(i)),
                        toDocument(ids.get(i), embeddings.get(i), segments == null ? null : segments.get(i)));
            }
        });
    }

    @Override
    public void remove(String id) {
        removeAll(List.of(id));
    }

    @Override
    public void removeAll(Collection<String> ids) {
        if (ids == null || ids.isEmpty()) {
            throw new IllegalArgumentException("Lucene store at " + location + ": removeAll needs at least one id");
        }
        Term[] terms = ids.stream().map(id -> new Term(ID, id)).toArray(Term[]::new);
        write(() -> writer.deleteDocuments(terms));
    }

    @Override
    public void removeAll(Filter filter) {
        Objects.requireNonNull(filter, "filter");
        Query query = LuceneFilters.toQuery(filter);
        write(() -> writer.deleteDocuments(query));
    }

    @Override
    public void removeAll() {
        write(writer::deleteAll);
    }

    @Override
    public EmbeddingSearchResult<TextSegment> search(EmbeddingSearchRequest request) {
        float[] vector = request.queryEmbedding().vector();
        checkDimension(vector, "query embedding");
        Query filter = request.filter() == null ? null : LuceneFilters.toQuery(request.filter());
        Query query = new KnnFloatVectorQuery(VECTOR, vector, Math.max(request.maxResults(), candidates), filter);
        return new EmbeddingSearchResult<>(run(query, request.maxResults(), request.minScore(), true));
    }

    @Override
    public List<EmbeddingMatch<TextSegment>> keywordSearch(String text, int maxResults, Filter filter) {
        Objects.requireNonNull(text, "query");
        if (maxResults <= 0) {
            throw new IllegalArgumentException("Lucene store at " + location + ": maxResults must be positive, was " + maxResults);
        }
        Query terms = new QueryBuilder(analyzer != null ? analyzer : ScriptAnalyzers.forText(text)).createBooleanQuery(TEXT, text);
        if (terms == null) {
            return List.of();
        }
        Query query = filter == null ? terms : new BooleanQuery.Builder()
                .add(terms, Occur.MUST)
                .add(LuceneFilters.toQuery(filter), Occur.FILTER)
                .build();
        return run(query, maxResults, Double.NEGATIVE_INFINITY, false);
    }

    /** Number of entries currently stored. */
    public int size() {
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                return searcher.getIndexReader().numDocs();
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new StoreException("Lucene store at " + location + ": cannot count entries: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            searchers.close();
            writer.close();
            directory.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Lucene store at " + location + ": close failed", e);
        }
    }

    private List<EmbeddingMatch<TextSegment>> run(Query query, int maxResults, double minScore, boolean withVectors) {
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                TopDocs top = searcher.search(query, maxResults);
                List<EmbeddingMatch<TextSegment>> matches = new ArrayList<>(top.scoreDocs.length);
                for (ScoreDoc hit : top.scoreDocs) {
                    if (hit.score >= minScore) {
                        matches.add(toMatch(searcher, hit, withVectors));
                    }
                }
                return matches;
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new StoreException("Lucene store at " + location + ": search failed: " + e.getMessage(), e);
        }
    }

    private EmbeddingMatch<TextSegment> toMatch(IndexSearcher searcher, ScoreDoc hit, boolean withVector) throws IOException {
        Document document = searcher.storedFields().document(hit.doc);
        String text = document.get(TEXT);
        TextSegment segment = text == null ? null : TextSegment.from(text, readMetadata(document.get(METADATA)));
        Embedding embedding = withVector ? new Embedding(readVector(searcher, hit.doc)) : null;
        return new EmbeddingMatch<>((double) hit.score, document.get(ID), embedding, segment);
    }

    private static float[] readVector(IndexSearcher searcher, int doc) throws IOException {
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
        FloatVectorValues values = leaf.reader().getFloatVectorValues(VECTOR);
        KnnVectorValues.DocIndexIterator iterator = values.iterator();
        int local = doc - leaf.docBase;
        if (iterator.advance(local) != local) {
            throw new IllegalStateException("document " + doc + " has no vector");
        }
        return values.vectorValue(iterator.index()).clone();
    }

    private Document toDocument(String id, Embedding embedding, TextSegment segment) {
        Document document = new Document();
        document.add(new StringField(ID, id, Field.Store.YES));
        document.add(new KnnFloatVectorField(VECTOR, embedding.vector(), VectorSimilarityFunction.COSINE));
        if (segment != null) {
            if (analyzer != null) {
                document.add(new TextField(TEXT, segment.text(), Field.Store.YES));
            } else {
                String text = segment.text();
                document.add(new TextField(TEXT, ScriptAnalyzers.forText(text).tokenStream(TEXT, text)));
                document.add(new StoredField(TEXT, text));
            }
            Metadata metadata = segment.metadata();
            metadata.toMap().forEach((key, value) -> {
                if (FilterValues.isNumber(value)) {
                    document.add(new DoublePoint(LuceneFilters.NUMBER_PREFIX + key, ((Number) value).doubleValue()));
                } else {
                    document.add(new StringField(LuceneFilters.TEXT_PREFIX + key, value.toString(), Field.Store.NO));
                }
            });
            document.add(new StoredField(METADATA, writeMetadata(metadata)));
        }
        return document;
    }

    private static String writeMetadata(Metadata metadata) {
        try {
            return JSON.writeValueAsString(Map.of("values", MetadataCodec.plainValues(metadata), "types", MetadataCodec.types(metadata)));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("metadata cannot be serialised: " + e.getMessage(), e);
        }
    }

    private Metadata readMetadata(String json) {
        if (json == null) {
            return new Metadata();
        }
        try {
            StoredMetadata stored = JSON.readValue(json, new TypeReference<>() {});
            return MetadataCodec.restore(stored.values(), stored.types());
        } catch (JsonProcessingException e) {
            throw new StoreException("Lucene store at " + location + ": stored metadata is not valid JSON: " + json, e);
        }
    }

    private record StoredMetadata(Map<String, Object> values, Map<String, String> types) {}

    private void checkDimension(float[] vector, String what) {
        if (vector.length != dimension) {
            throw new IllegalArgumentException("Lucene store at " + location + ": " + what + " has dimension "
                    + vector.length + ", the store expects " + dimension);
        }
    }

    private void checkStoredDimension() throws IOException {
        if (!DirectoryReader.indexExists(directory)) {
            return;
        }
        try (DirectoryReader reader = DirectoryReader.open(directory)) {
            for (LeafReaderContext leaf : reader.leaves()) {
                FieldInfo info = leaf.reader().getFieldInfos().fieldInfo(VECTOR);
                if (info != null && info.getVectorDimension() != dimension) {
                    throw new IllegalArgumentException("Lucene store at " + location + " holds vectors of dimension "
                            + info.getVectorDimension() + ", but dimension " + dimension + " was configured");
                }
            }
        }
    }

    private void write(IndexWrite operation) {
        try {
            operation.run();
            writer.commit();
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new StoreException("Lucene store at " + location + ": write failed: " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface IndexWrite {
        void run() throws IOException;
    }

    /** Builds a {@link LuceneEmbeddingStore}. */
    public static final class Builder {
        private Path path;
        private boolean inMemory;
        private int dimension;
        private int candidates = 100;
        private Analyzer analyzer;

        private Builder() {}

        /** Keeps the index in this directory (created if absent); reopening it finds the data again. */
        public Builder directory(Path path) {
            this.path = Objects.requireNonNull(path, "path");
            this.inMemory = false;
            return this;
        }

        /** Keeps the index in memory; it is lost on close. */
        public Builder inMemory() {
            this.path = null;
            this.inMemory = true;
            return this;
        }

        /** The vector dimension (e.g. 384 for all-MiniLM-L6-v2); required. */
        public Builder dimension(int dimension) {
            this.dimension = dimension;
            return this;
        }

        /**
         * How many nearest candidates the HNSW search collects per segment before the best
         * {@code maxResults} are returned (its beam width, "ef"); default 100. Higher raises recall
         * and latency; {@code maxResults} is used when it is larger.
         */
        public Builder candidates(int candidates) {
            if (candidates <= 0) {
                throw new IllegalArgumentException("LuceneEmbeddingStore: candidates must be positive, was " + candidates);
            }
            this.candidates = candidates;
            return this;
        }

        /**
         * One analyzer for all BM25 text; by default each segment and query gets the analyzer of its
         * script ({@link ScriptAnalyzers}: Chinese word segmentation, CJK bigrams, or English stemming).
         */
        public Builder analyzer(Analyzer analyzer) {
            this.analyzer = Objects.requireNonNull(analyzer, "analyzer");
            return this;
        }

        /** Opens (or creates) the index. */
        public LuceneEmbeddingStore build() {
            if (path == null && !inMemory) {
                throw new IllegalStateException("LuceneEmbeddingStore: call directory(Path) or inMemory()");
            }
            if (dimension <= 0 || dimension > 4096) {
                throw new IllegalStateException("LuceneEmbeddingStore: dimension must be in 1..4096, was " + dimension);
            }
            return new LuceneEmbeddingStore(this);
        }
    }
}
