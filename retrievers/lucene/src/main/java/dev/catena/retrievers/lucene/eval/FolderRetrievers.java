package dev.catena.retrievers.lucene.eval;

import dev.catena.core.retrieval.Retriever;
import dev.catena.retrievers.ingest.FolderIngestion;
import dev.catena.retrievers.ingest.FolderReport;
import dev.catena.retrievers.lucene.Bm25Retriever;
import dev.catena.retrievers.lucene.LuceneEmbeddingStore;
import dev.catena.retrievers.lucene.analysis.ScriptAnalyzers;
import dev.catena.retrievers.retrieval.HybridRetriever;
import dev.catena.retrievers.retrieval.VectorRetriever;
import dev.catena.retrievers.splitter.MarkdownHeaderSplitter;
import dev.langchain4j.model.embedding.EmbeddingModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A folder of documents indexed for retrieval experiments: split at Markdown headings (700
 * characters), embedded with the given model into a Lucene index under {@code stateDir} (kept in
 * step with the folder by {@link FolderIngestion}, so a second open embeds only what changed), and
 * searched by any {@link RetrieverKind}.
 */
public final class FolderRetrievers implements AutoCloseable {

    private final LuceneEmbeddingStore store;
    private final EmbeddingModel model;
    private final FolderReport sync;

    private FolderRetrievers(LuceneEmbeddingStore store, EmbeddingModel model, FolderReport sync) {
        this.store = store;
        this.model = model;
        this.sync = sync;
    }

    /** Indexes {@code folder} with {@code model}; the index and ingestion state live in {@code stateDir}. */
    public static FolderRetrievers open(Path folder, Path stateDir, EmbeddingModel model) {
        Objects.requireNonNull(model, "model");
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("Document folder " + folder.toAbsolutePath() + " does not exist or is not a directory");
        }
        LuceneEmbeddingStore store = LuceneEmbeddingStore.builder().directory(stateDir.resolve("index")).dimension(model.dimension()).build();
        try {
            FolderReport sync = FolderIngestion.builder().folder(folder).stateDir(stateDir).store(store).embeddingModel(model)
                    .splitter(MarkdownHeaderSplitter.of(700, 0)).build().sync();
            return new FolderRetrievers(store, model, sync);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /** The retriever of {@code kind} returning up to {@code maxResults} passages. */
    public Retriever retriever(RetrieverKind kind, int maxResults) {
        return switch (kind) {
            case BM25 -> Bm25Retriever.of(store, maxResults);
            case VECTOR -> vector(maxResults);
            case HYBRID -> HybridRetriever.of(vector(maxResults * 2), Bm25Retriever.of(store, maxResults * 2), maxResults);
            case AUTO -> query -> (ScriptAnalyzers.detect(query.text()) == ScriptAnalyzers.Script.OTHER
                    ? retriever(RetrieverKind.HYBRID, maxResults) : retriever(RetrieverKind.BM25, maxResults)).retrieve(query);
        };
    }

    /** What indexing the folder did. */
    public FolderReport sync() {
        return sync;
    }

    /** Passages in the index. */
    public int passages() {
        return store.size();
    }

    private VectorRetriever vector(int maxResults) {
        return VectorRetriever.builder().store(store).embeddingModel(model).maxResults(maxResults).build();
    }

    @Override
    public void close() {
        store.close();
    }
}
