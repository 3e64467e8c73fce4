package dev.catena.retrievers.ingest;

import dev.catena.retrievers.embedding.BatchEmbedder;
import dev.catena.retrievers.embedding.DefaultEmbeddingModel;
import dev.catena.retrievers.loader.MetadataKeys;
import dev.catena.retrievers.splitter.RecursiveCharacterSplitter;
import dev.langchain4j.data.document.Document;
import dev.langchain4j.data.document.DocumentSplitter;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.store.embedding.EmbeddingStore;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Loads nothing itself: takes documents, splits them, embeds the chunks in batches and writes them
 * to an {@link EmbeddingStore}, reporting progress to an {@link IngestionListener}.
 *
 * <p>Every chunk gets a content-derived id ({@link ChunkIds}) and a {@link MetadataKeys#CONTENT_HASH};
 * chunks the {@link IngestionLedger} has recorded as stored are skipped, so re-ingesting the same
 * documents adds nothing twice. Each batch is recorded as pending before the store write and as
 * committed after it; if a run fails or is killed, the next run with the same ledger removes the
 * pending ids from the store and carries on, so that every chunk ends up stored exactly once.
 * When a document changes, the chunks it no longer produces are removed from the store.
 *
 * <p>Chunk texts of one call are held in memory; embeddings only one batch at a time.
 *
 * <pre>{@code
 * IngestionPipeline pipeline = IngestionPipeline.builder().store(store)
 *         .ledger(IngestionLedger.open(dir.resolve("ingest.ledger"))).listener(IngestionProgress.console()).build();
 * pipeline.ingest(DirectoryLoader.builder().include("**.md").build().load(docsDir));
 * }</pre>
 */
public final class IngestionPipeline {

    private final DocumentSplitter splitter;
    private final BatchEmbedder embedder;
    private final EmbeddingStore<TextSegment> store;
    private final IngestionLedger ledger;
    private final IngestionListener listener;
    private final boolean removeStale;

    private IngestionPipeline(Builder b) {
        this.removeStale = b.removeStale;
        this.splitter = b.splitter;
        this.embedder = BatchEmbedder.of(b.embeddingModel, b.batchSize);
        this.store = Objects.requireNonNull(b.store, "store is required");
        this.ledger = b.ledger;
        this.listener = b.listener;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Ingests {@code documents}; throws {@link IngestionException} if a batch cannot be embedded or stored. */
    public IngestionReport ingest(List<Document> documents) {
        long start = System.nanoTime();
        int recovered = recover();

        List<TextSegment> chunks = new ArrayList<>();
        for (Document d : documents) chunks.addAll(splitter.split(d));
        List<String> ids = new ArrayList<>();
        List<TextSegment> todo = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Set<String> sources = new java.util.LinkedHashSet<>();
        for (TextSegment chunk : chunks) {
            sources.add(String.valueOf(chunk.metadata().getString(MetadataKeys.SOURCE)));
            String hash = ChunkIds.contentHash(chunk);
            String id = ChunkIds.idOf(hash);
            if (!seen.add(id) || ledger.isCommitted(id)) continue;
            chunk.metadata().put(MetadataKeys.CONTENT_HASH, hash);
            ids.add(id);
            todo.add(chunk);
        }
        int skipped = chunks.size() - todo.size();
        listener.onStart(todo.size(), skipped);

        int batches = 0;
        int size = embedder.batchSize();
        for (int from = 0; from < todo.size(); from += size) {
            int to = Math.min(todo.size(), from + size);
            List<TextSegment> batch = todo.subList(from, to);
            List<String> batchIds = ids.subList(from, to);
            List<Embedding> embeddings;
            try {
                embeddings = embedder.embedBatch(batch);
            } catch (RuntimeException e) {
                throw failure("embed", batch, from, to, todo.size(), e);
            }
            ledger.begin(batchIds, batch.stream().map(c -> c.metadata().getString(MetadataKeys.SOURCE)).toList());
            try {
                store.addAll(batchIds, embeddings, batch);
            } catch (RuntimeException e) {
                throw failure("store", batch, from, to, todo.size(), e);
            }
            ledger.commit(batchIds);
            batches++;
            listener.onStored(List.copyOf(batchIds), List.copyOf(batch));
            listener.onBatch(to, todo.size());
        }
        int removed = removeStale(sources, seen);
        IngestionReport report = new IngestionReport(documents.size(), chunks.size(), todo.size(), skipped,
                removed, recovered, batches, Duration.ofNanos(System.nanoTime() - start));
        listener.onFinish(report);
        return report;
    }

    /**
     * Removes chunks that earlier runs stored for the sources ingested now but that the current
     * documents no longer produce (the document changed), so that the store mirrors the documents.
     */
    private int removeStale(Set<String> sources, Set<String> current) {
        if (!removeStale) return 0;
        Set<String> stale = new java.util.TreeSet<>();
        for (String source : sources) {
            for (String id : ledger.committedFrom(source)) if (!current.contains(id)) stale.add(id);
        }
        if (stale.isEmpty()) return 0;
        try {
            store.removeAll(stale);
        } catch (RuntimeException e) {
            throw new IngestionException("cannot remove " + stale.size()
                    + " outdated chunks of changed documents from the store", e);
        }
        ledger.rollback(stale);
        return stale.size();
    }

    /** Removes the ids of an interrupted batch from the store, so that they can be written again. */
    private int recover() {
        Set<String> pending = ledger.pending();
        if (pending.isEmpty()) return 0;
        try {
            store.removeAll(pending);
        } catch (RuntimeException e) {
            throw new IngestionException("cannot resume: removing " + pending.size()
                    + " chunks of an interrupted batch from the store failed", e);
        }
        ledger.rollback(pending);
        return pending.size();
    }

    private static IngestionException failure(String step, List<TextSegment> batch, int from, int to, int total,
                                              RuntimeException e) {
        Set<String> sources = new java.util.TreeSet<>();
        for (TextSegment s : batch) sources.add(String.valueOf(s.metadata().getString(MetadataKeys.SOURCE)));
        return new IngestionException("ingestion stopped: cannot " + step + " chunks " + from + ".." + (to - 1)
                + " of " + total + " (from " + sources + "); " + from
                + " chunks are stored, run again with the same ledger to resume: " + e.getMessage(), e);
    }

    /** Builds an {@link IngestionPipeline}. */
    public static final class Builder {
        private DocumentSplitter splitter = RecursiveCharacterSplitter.of(1000, 100);
        private EmbeddingModel embeddingModel;
        private EmbeddingStore<TextSegment> store;
        private int batchSize = 64;
        private IngestionLedger ledger = IngestionLedger.inMemory();
        private IngestionListener listener = IngestionListener.none();
        private boolean removeStale = true;

        private Builder() {
        }

        /**
         * Whether to remove, for every source ingested, the chunks an earlier run stored that the
         * document no longer produces (default true). Sources not passed to {@code ingest} are left alone.
         */
        public Builder removeStaleChunks(boolean removeStale) {
            this.removeStale = removeStale;
            return this;
        }

        /** The splitter; defaults to recursive character splitting, 1000 chars with 100 overlap. */
        public Builder splitter(DocumentSplitter splitter) {
            this.splitter = Objects.requireNonNull(splitter, "splitter");
            return this;
        }

        /** The embedding model; defaults to {@link DefaultEmbeddingModel#find() the default model} (all-MiniLM-L6-v2 with catena-retrievers-onnx). */
        public Builder embeddingModel(EmbeddingModel model) {
            this.embeddingModel = Objects.requireNonNull(model, "embeddingModel");
            return this;
        }

        /** The store to write to (required). */
        public Builder store(EmbeddingStore<TextSegment> store) {
            this.store = store;
            return this;
        }

        /** Chunks embedded and stored together; bounds the embeddings held in memory. Default 64. */
        public Builder batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /** Where stored chunk ids are remembered; defaults to an in-memory ledger (use a file to resume after a restart). */
        public Builder ledger(IngestionLedger ledger) {
            this.ledger = Objects.requireNonNull(ledger, "ledger");
            return this;
        }

        /** Receives progress, e.g. {@link IngestionProgress#console()}. */
        public Builder listener(IngestionListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        public IngestionPipeline build() {
            if (embeddingModel == null) embeddingModel = DefaultEmbeddingModel.find();
            return new IngestionPipeline(this);
        }
    }
}
