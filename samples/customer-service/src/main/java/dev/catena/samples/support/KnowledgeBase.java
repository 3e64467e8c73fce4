package dev.catena.samples.support;

import dev.catena.core.retrieval.Retriever;
import dev.catena.retrievers.lucene.analysis.ScriptAnalyzers;
import dev.catena.retrievers.onnx.EmbeddingModels;
import dev.catena.retrievers.ingest.FolderIngestion;
import dev.catena.retrievers.ingest.FolderReport;
import dev.catena.retrievers.loader.MetadataKeys;
import dev.catena.retrievers.lucene.Bm25Retriever;
import dev.catena.retrievers.retrieval.HybridRetriever;
import dev.catena.retrievers.retrieval.VectorRetriever;
import dev.catena.retrievers.splitter.MarkdownHeaderSplitter;
import dev.catena.retrievers.lucene.LuceneEmbeddingStore;
import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.query.Query;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The company's FAQ and policies: a folder of Markdown, HTML, PDF and text files
 * ({@code support.kb.dir}; by default the bundled English and Chinese pages under {@code kb/} on
 * the classpath, copied to {@code <state-dir>/bundled-kb}), split at headings, embedded in-process
 * with MiniLM into a Lucene index on disk ({@code support.kb.state-dir}). At start-up only new and
 * changed files are embedded ({@link FolderIngestion}: content hashes, deleted files removed), so a
 * restart with an unchanged folder does no embedding work. A folder that does not exist fails
 * start-up naming its path; a file that cannot be read is skipped with a warning.
 */
@ApplicationScoped
public class KnowledgeBase {

    private static final Logger LOG = Logger.getLogger(KnowledgeBase.class);
    private static final int DIMENSION = 384;

    @ConfigProperty(name = "support.kb.dir")
    Optional<Path> folder = Optional.empty();

    @ConfigProperty(name = "support.kb.state-dir", defaultValue = "${java.io.tmpdir}/catena-support-kb")
    Path stateDir = Path.of(System.getProperty("java.io.tmpdir"), "catena-support-kb");

    @ConfigProperty(name = "support.kb.max-file-bytes", defaultValue = "20971520")
    long maxFileBytes = 20L * 1024 * 1024;

    private EmbeddingModel embeddings = EmbeddingModels.miniLmQuantized();
    private volatile LuceneEmbeddingStore store;
    private volatile FolderReport lastSync;

    /** A knowledge base outside a container (tools and tests): {@code folder} (empty: the bundled pages), state in {@code stateDir}. */
    static KnowledgeBase standalone(Optional<Path> folder, Path stateDir, EmbeddingModel embeddings) {
        KnowledgeBase kb = new KnowledgeBase();
        kb.folder = folder;
        kb.stateDir = stateDir;
        kb.embeddings = embeddings;
        return kb;
    }

    /** Ingests at start-up, so that a missing folder stops the application instead of the first question. */
    void onStart(@Observes StartupEvent event) {
        store();
    }

    /**
     * The passages most relevant to {@code question}, best first: vector (MiniLM) and BM25 results
     * fused by reciprocal rank; passages too far from the question by both measures are left out.
     * A question in Chinese, Japanese or Korean is answered by BM25 alone (Lucene's CJK analyzers):
     * MiniLM is an English model ({@link RetrievalMode#AUTO}).
     */
    public List<Source> search(String question, int maxResults) {
        return search(question, maxResults, RetrievalMode.AUTO);
    }

    /** The passages most relevant to {@code question} by {@code mode}, best first. */
    public List<Source> search(String question, int maxResults, RetrievalMode mode) {
        LuceneEmbeddingStore s = store();
        if (mode == RetrievalMode.AUTO) {
            mode = ScriptAnalyzers.detect(question) == ScriptAnalyzers.Script.OTHER ? RetrievalMode.HYBRID : RetrievalMode.BM25;
        }
        VectorRetriever vector = VectorRetriever.builder().store(s).embeddingModel(embeddings).minScore(0.55)
                .maxResults(mode == RetrievalMode.HYBRID ? maxResults * 2 : maxResults).build();
        Retriever retriever = switch (mode) {
            case BM25 -> Bm25Retriever.of(s, maxResults);
            case VECTOR -> vector;
            default -> HybridRetriever.of(vector, Bm25Retriever.of(s, maxResults * 2), maxResults);
        };
        List<Source> out = new ArrayList<>();
        for (Content c : retriever.retrieve(Query.from(question))) {
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

    /** What the start-up ingestion did. */
    FolderReport lastSync() {
        store();
        return lastSync;
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
        Path dir = folder.orElseGet(() -> bundledFolder(stateDir.resolve("bundled-kb")));
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("Knowledge-base folder " + dir.toAbsolutePath() + " does not exist or is not a directory"
                    + " (support.kb.dir)");
        }
        LuceneEmbeddingStore s = LuceneEmbeddingStore.builder().directory(stateDir.resolve("index")).dimension(DIMENSION).build();
        try {
            if (s.size() == 0) {
                forgetIngestedFiles();
            }
            lastSync = FolderIngestion.builder().folder(dir).stateDir(stateDir).store(s).embeddingModel(embeddings)
                    .splitter(MarkdownHeaderSplitter.of(700, 0)).maxFileBytes(maxFileBytes).build().sync();
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
        LOG.infof("Knowledge base %s: %d files (%d unchanged, %d embedded, %d skipped), %d passages in the index at %s",
                dir, lastSync.files(), lastSync.unchanged(), lastSync.changed(), lastSync.skipped().size(), s.size(),
                stateDir.resolve("index"));
        return s;
    }

    /** An empty index (new, or deleted by hand) means the manifest and ledger describe nothing: start over. */
    private void forgetIngestedFiles() {
        try (Stream<Path> files = Files.list(stateDir)) {
            for (Path f : files.filter(f -> f.getFileName().toString().endsWith(".manifest")
                    || f.getFileName().toString().endsWith(".ledger")).toList()) {
                Files.delete(f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reset the knowledge-base state in " + stateDir, e);
        }
    }

    /** Copies the bundled pages (listed in {@code kb/INDEX}) to {@code dir}, rewriting only what differs. */
    private static Path bundledFolder(Path dir) {
        try {
            Files.createDirectories(dir);
            Set<String> names = Arrays.stream(read("kb/INDEX").split("\n")).map(String::strip).filter(l -> !l.isEmpty())
                    .collect(Collectors.toCollection(java.util.TreeSet::new));
            for (String name : names) {
                byte[] bytes = readBytes("kb/" + name);
                Path file = dir.resolve(name);
                if (!Files.exists(file) || !Arrays.equals(Files.readAllBytes(file), bytes)) Files.write(file, bytes);
            }
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.filter(f -> !names.contains(f.getFileName().toString())).toList()) Files.delete(f);
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the bundled knowledge base to " + dir, e);
        }
    }

    private static String read(String resource) {
        return new String(readBytes(resource), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static byte[] readBytes(String resource) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("Missing knowledge-base resource " + resource);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }

    @PreDestroy
    void close() {
        if (store != null) store.close();
    }
}
