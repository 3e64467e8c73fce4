package dev.catena.retrievers.store;

import dev.catena.retrievers.ingest.ChunkIds;
import dev.catena.retrievers.ingest.IngestionException;
import dev.catena.retrievers.ingest.IngestionLedger;
import dev.catena.retrievers.ingest.IngestionListener;
import dev.catena.retrievers.ingest.IngestionPipeline;
import dev.catena.retrievers.ingest.IngestionReport;
import dev.catena.retrievers.loader.MetadataKeys;
import dev.catena.retrievers.splitter.RecursiveCharacterSplitter;
import dev.langchain4j.data.document.Document;
import dev.langchain4j.data.document.DocumentSplitter;
import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.EmbeddingStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Fault injection for a server-backed store (issue 9): the server is killed with {@code SIGKILL}
 * while an {@link IngestionPipeline} writes to it, a query during the outage must fail quickly with
 * a {@link StoreException}, and after the server restarts on the same data a second run with the
 * same ledger file must leave every chunk stored exactly once (ids and count checked).
 */
public abstract class StoreOutageContract {

    private static final int DOCUMENTS = 40;
    private static final int BATCH = 16;
    private static final int KILL_AFTER_BATCHES = 4;

    @TempDir
    Path dir;

    /** The server, which must be managed by the test (skipped for an external one). */
    protected abstract StoreServerExtension server();

    /** Opens the store called {@code name} on {@link #server()}, with dimension {@link HashEmbeddings#DIMENSION}. */
    protected abstract EmbeddingStore<TextSegment> open(String name);

    /** Every id stored, read from the server independently of the store's search. */
    protected abstract List<String> storedIds(String name);

    /** The number of records the server counts. */
    protected abstract long count(String name);

    @Test
    void ingestionResumesAfterTheServerIsKilledWithoutLossOrDuplicates() throws Exception {
        assumeTrue(server().managed(), "the server is external: it cannot be killed here");
        String name = "outage_" + Long.toString(System.nanoTime() % 1_000_000, 36);
        List<Document> documents = documents();
        DocumentSplitter splitter = RecursiveCharacterSplitter.of(240, 0);
        Set<String> expected = new TreeSet<>();
        for (Document d : documents) {
            for (TextSegment chunk : splitter.split(d)) {
                expected.add(ChunkIds.idOf(ChunkIds.contentHash(chunk)));
            }
        }
        assertThat(expected.size()).isGreaterThan(BATCH * (KILL_AFTER_BATCHES + 4));
        Path ledgerFile = dir.resolve("ingest.ledger");

        // Run 1: the server dies (SIGKILL) while batches are being written.
        AtomicReference<Thread> killer = new AtomicReference<>();
        AtomicInteger batches = new AtomicInteger();
        IngestionListener killing = new IngestionListener() {
            @Override
            public void onBatch(int stored, int toStore) {
                int n = batches.incrementAndGet();
                if (n == KILL_AFTER_BATCHES) {
                    Thread t = new Thread(() -> server().process().kill(), "store-killer");
                    killer.set(t);
                    t.start();
                } else if (n > KILL_AFTER_BATCHES) {
                    join(killer.get());
                }
            }
        };
        EmbeddingStore<TextSegment> first = open(name);
        try {
            IngestionPipeline pipeline = IngestionPipeline.builder().splitter(splitter).embeddingModel(new HashEmbeddings())
                    .batchSize(BATCH).store(first).ledger(IngestionLedger.open(ledgerFile)).listener(killing).build();
            assertThatThrownBy(() -> pipeline.ingest(documents))
                    .isInstanceOf(IngestionException.class).hasMessageContaining("run again with the same ledger")
                    .hasCauseInstanceOf(StoreException.class);
            join(killer.get());
            assertThat(server().process().isAlive()).isFalse();

            // While the server is down a query fails fast and says where.
            StoreException outage = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
                try {
                    first.search(EmbeddingSearchRequest.builder().queryEmbedding(new HashEmbeddings().embed("sync").content())
                            .maxResults(3).build());
                    return null;
                } catch (StoreException e) {
                    return e;
                }
            });
            assertThat(outage).as("a query during the outage throws StoreException").isNotNull();
            assertThat(outage.getMessage()).contains(server().url()).contains(name);
        } finally {
            closeQuietly(first);
        }

        // The server comes back on the same data; run 2 with the same ledger file resumes.
        server().process().start();
        EmbeddingStore<TextSegment> second = open(name);
        try {
            IngestionLedger ledger = IngestionLedger.open(ledgerFile);
            int committedBefore = ledger.committedCount();
            assertThat(committedBefore).isBetween((KILL_AFTER_BATCHES - 1) * BATCH, expected.size() - 1);
            IngestionReport report = IngestionPipeline.builder().splitter(splitter).embeddingModel(new HashEmbeddings())
                    .batchSize(BATCH).store(second).ledger(ledger).build().ingest(documents);
            System.out.printf(Locale.ROOT, "%s outage: %d chunks, %d committed before the kill, %d pending removed, %d added on resume%n",
                    getClass().getSimpleName(), expected.size(), committedBefore, report.recovered(), report.added());
            assertThat(report.skipped()).isEqualTo(committedBefore);
            assertThat(report.added()).isEqualTo(expected.size() - committedBefore);
            assertThat(ledger.pending()).isEmpty();
            assertThat(ledger.committedCount()).isEqualTo(expected.size());

            List<String> ids = storedIds(name);
            assertThat(ids).as("ids on the server").doesNotHaveDuplicates();
            assertThat(new TreeSet<>(ids)).as("ids on the server").isEqualTo(expected);
            assertThat(count(name)).as("records the server counts").isEqualTo(expected.size());

            // A third run adds nothing.
            IngestionReport again = IngestionPipeline.builder().splitter(splitter).embeddingModel(new HashEmbeddings())
                    .batchSize(BATCH).store(second).ledger(ledger).build().ingest(documents);
            assertThat(again.added()).isZero();
            assertThat(count(name)).isEqualTo(expected.size());

            List<EmbeddingMatch<TextSegment>> found = second.search(EmbeddingSearchRequest.builder()
                    .queryEmbedding(new HashEmbeddings().embed("topic7 word3").content()).maxResults(3).build()).matches();
            assertThat(found).isNotEmpty();
            assertThat(found.getFirst().embedded().metadata().getString(MetadataKeys.SOURCE)).startsWith("doc-");
        } finally {
            closeQuietly(second);
        }
    }

    private static List<Document> documents() {
        List<Document> documents = new ArrayList<>();
        for (int d = 0; d < DOCUMENTS; d++) {
            StringBuilder text = new StringBuilder();
            for (int s = 0; s < 12; s++) {
                text.append("Document ").append(d).append(" sentence ").append(s).append(" covers topic").append(d % 9)
                        .append(" with word").append(s % 5).append(" and detail").append(d * 31 + s).append(". ");
            }
            documents.add(Document.from(text.toString(), Metadata.from(MetadataKeys.SOURCE, "doc-" + d + ".txt")));
        }
        return documents;
    }

    private static void join(Thread thread) {
        if (thread == null) {
            return;
        }
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(EmbeddingStore<TextSegment> store) throws Exception {
        if (store instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    /** A deterministic bag-of-words embedding (hashed words), enough to ingest and find text without a model. */
    public static final class HashEmbeddings implements EmbeddingModel {

        /** The vector dimension. */
        public static final int DIMENSION = 32;

        @Override
        public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
            List<Embedding> out = new ArrayList<>(segments.size());
            for (TextSegment s : segments) {
                float[] v = new float[DIMENSION];
                for (String w : s.text().toLowerCase(Locale.ROOT).split("\\W+")) {
                    if (!w.isEmpty()) {
                        v[Math.floorMod(w.hashCode(), DIMENSION)] += 1;
                    }
                }
                v[0] += 0.01f;
                Embedding e = Embedding.from(v);
                e.normalize();
                out.add(e);
            }
            return Response.from(out);
        }

        @Override
        public int dimension() {
            return DIMENSION;
        }
    }
}
