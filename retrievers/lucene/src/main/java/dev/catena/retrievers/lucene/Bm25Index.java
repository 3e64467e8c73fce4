package dev.catena.retrievers.lucene;

import dev.catena.retrievers.lucene.analysis.ScriptAnalyzers;
import dev.catena.retrievers.store.KeywordSearch;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.filter.Filter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.QueryBuilder;

/**
 * An in-memory BM25 index ({@code k1 = 1.2}, {@code b = 0.75}, Lucene's {@link BM25Similarity}) for
 * stores that have no {@link KeywordSearch} of their own. Each segment, and each query, is analyzed
 * by the Lucene analyzer of its script ({@link ScriptAnalyzers}: Chinese word segmentation, CJK
 * bigrams, or English with stop words and stemming). Thread-safe; adding an existing id replaces it.
 */
public final class Bm25Index implements KeywordSearch {

    private static final String ID = "id";
    private static final String TEXT = "text";

    private final Map<String, TextSegment> segments = new HashMap<>();
    private final IndexWriter writer;
    private DirectoryReader reader;
    private IndexSearcher searcher;

    public Bm25Index() {
        try {
            writer = new IndexWriter(new ByteBuffersDirectory(),
                    new IndexWriterConfig(ScriptAnalyzers.forScript(ScriptAnalyzers.Script.OTHER)).setSimilarity(new BM25Similarity()));
        } catch (IOException e) {
            throw new UncheckedIOException("BM25 index: cannot create the in-memory index", e);
        }
    }

    /** Indexes {@code segment} under {@code id}, replacing any earlier segment with that id. */
    public synchronized void add(String id, TextSegment segment) {
        Document document = new Document();
        document.add(new StringField(ID, id, Field.Store.YES));
        // Analyzed here, by the segment's own script, and consumed at once by updateDocument.
        document.add(new TextField(TEXT, ScriptAnalyzers.forText(segment.text()).tokenStream(TEXT, segment.text())));
        try {
            writer.updateDocument(new Term(ID, id), document);
        } catch (IOException e) {
            throw new UncheckedIOException("BM25 index: cannot add " + id, e);
        }
        segments.put(id, segment);
        invalidate();
    }

    /** Indexes several segments; {@code ids} and {@code segments} must have the same size. */
    public synchronized void addAll(List<String> ids, List<TextSegment> segments) {
        if (ids.size() != segments.size()) {
            throw new IllegalArgumentException(ids.size() + " ids for " + segments.size() + " segments");
        }
        for (int i = 0; i < ids.size(); i++) add(ids.get(i), segments.get(i));
    }

    /** Removes the segment with {@code id}, if any. */
    public synchronized void remove(String id) {
        removeAll(List.of(id));
    }

    /** Removes every segment whose id is in {@code ids}. */
    public synchronized void removeAll(Collection<String> ids) {
        try {
            writer.deleteDocuments(ids.stream().map(id -> new Term(ID, id)).toArray(Term[]::new));
        } catch (IOException e) {
            throw new UncheckedIOException("BM25 index: cannot remove " + ids, e);
        }
        ids.forEach(segments::remove);
        invalidate();
    }

    public synchronized int size() {
        return segments.size();
    }

    @Override
    public synchronized List<EmbeddingMatch<TextSegment>> keywordSearch(String query, int maxResults, Filter filter) {
        if (maxResults <= 0) throw new IllegalArgumentException("maxResults must be positive, was " + maxResults);
        Query terms = new QueryBuilder(ScriptAnalyzers.forText(query)).createBooleanQuery(TEXT, query);
        if (terms == null || segments.isEmpty()) return List.of();
        try {
            IndexSearcher s = searcher();
            // With a filter every hit is ranked, then filtered on the segments' metadata.
            ScoreDoc[] hits = s.search(terms, filter == null ? maxResults : segments.size()).scoreDocs;
            List<EmbeddingMatch<TextSegment>> matches = new ArrayList<>();
            for (ScoreDoc hit : hits) {
                String id = s.storedFields().document(hit.doc).get(ID);
                TextSegment segment = segments.get(id);
                if (filter == null || filter.test(segment.metadata())) {
                    matches.add(new EmbeddingMatch<>((double) hit.score, id, null, segment));
                }
            }
            matches.sort(Comparator.comparingDouble((EmbeddingMatch<TextSegment> m) -> m.score()).reversed()
                    .thenComparing(EmbeddingMatch::embeddingId));
            return List.copyOf(matches.subList(0, Math.min(maxResults, matches.size())));
        } catch (IOException e) {
            throw new UncheckedIOException("BM25 index: search failed", e);
        }
    }

    private IndexSearcher searcher() throws IOException {
        if (searcher == null) {
            reader = DirectoryReader.open(writer);
            searcher = new IndexSearcher(reader);
            searcher.setSimilarity(new BM25Similarity());
        }
        return searcher;
    }

    /** Drops the reader after a write; the next search opens one that sees it. */
    private void invalidate() {
        if (reader != null) {
            try {
                reader.close();
            } catch (IOException e) {
                throw new UncheckedIOException("BM25 index: cannot close a reader", e);
            }
        }
        reader = null;
        searcher = null;
    }
}
