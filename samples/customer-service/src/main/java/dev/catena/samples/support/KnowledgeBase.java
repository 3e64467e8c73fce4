package dev.catena.samples.support;

import dev.catena.core.retrieval.Retriever;
import dev.catena.retrievers.embedding.EmbeddingModels;
import dev.catena.retrievers.ingest.IngestionPipeline;
import dev.catena.retrievers.loader.MetadataKeys;
import dev.catena.retrievers.retrieval.Bm25Retriever;
import dev.catena.retrievers.retrieval.HybridRetriever;
import dev.catena.retrievers.retrieval.VectorRetriever;
import dev.catena.retrievers.splitter.MarkdownHeaderSplitter;
import dev.catena.retrievers.store.lucene.LuceneEmbeddingStore;
import dev.langchain4j.data.document.Document;
import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.query.Query;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The company's FAQ and policies (Markdown files under {@code kb/} on the classpath, English and
 * Chinese), split at headings, embedded in-process with MiniLM and indexed in an in-memory Lucene
 * store at start-up. Searching returns the passages with their source file.
 */
@ApplicationScoped
public class KnowledgeBase {

    private static final Logger LOG = Logger.getLogger(KnowledgeBase.class);

    private final EmbeddingModel embeddings = EmbeddingModels.miniLmQuantized();
    private volatile LuceneEmbeddingStore store;

    /**
     * The passages most relevant to {@code question}, best first: vector (MiniLM) and BM25 results
     * fused by reciprocal rank; passages too far from the question by both measures are left out.
     */
    public List<Source> search(String question, int maxResults) {
        LuceneEmbeddingStore s = store();
        VectorRetriever vector = VectorRetriever.builder().store(s).embeddingModel(embeddings).maxResults(maxResults * 2).minScore(0.55).build();
        HybridRetriever hybrid = HybridRetriever.of(vector, Bm25Retriever.of(s, maxResults * 2), maxResults);
        List<Source> out = new ArrayList<>();
        for (Content c : hybrid.retrieve(Query.from(question))) {
            Metadata md = c.textSegment().metadata();
            out.add(new Source(md.getString(MetadataKeys.SOURCE), md.getString(MetadataKeys.TITLE), c.textSegment().text()));
        }
        return out;
    }

    /** The in-process embedding model the knowledge base is indexed with (also used to route intents). */
    public EmbeddingModel embeddingModel() {
        return embeddings;
    }

    /** The knowledge base as a Catena retriever (for chains and agent tools). */
    public Retriever retriever(int maxResults) {
        return query -> search(query.text(), maxResults).stream()
                .map(s -> Content.from(TextSegment.from(s.text(), Metadata.from(MetadataKeys.SOURCE, s.file()))))
                .toList();
    }

    private LuceneEmbeddingStore store() {
        LuceneEmbeddingStore s = store;
        if (s != null) return s;
        synchronized (this) {
            if (store == null) store = build();
            return store;
        }
    }

    private LuceneEmbeddingStore build() {
        long start = System.nanoTime();
        LuceneEmbeddingStore s = LuceneEmbeddingStore.builder().inMemory().dimension(384).build();
        List<Document> docs = new ArrayList<>();
        for (String file : read("kb/INDEX").lines().map(String::strip).filter(l -> !l.isEmpty()).toList()) {
            String text = read("kb/" + file);
            String title = text.lines().filter(l -> l.startsWith("# ")).findFirst().map(l -> l.substring(2).strip()).orElse(file);
            Metadata md = new Metadata().put(MetadataKeys.SOURCE, file).put(MetadataKeys.TITLE, title);
            docs.add(Document.from(text, md));
        }
        IngestionPipeline.builder().store(s).embeddingModel(embeddings)
                .splitter(MarkdownHeaderSplitter.of(700, 0)).build().ingest(docs);
        LOG.infof("Knowledge base: %d documents, %d passages indexed in %d ms", docs.size(), s.size(),
                (System.nanoTime() - start) / 1_000_000);
        return s;
    }

    private static String read(String resource) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("Missing knowledge-base resource " + resource);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }

    @PreDestroy
    void close() {
        if (store != null) store.close();
    }
}
