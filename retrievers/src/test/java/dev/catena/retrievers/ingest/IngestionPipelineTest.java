package dev.catena.retrievers.ingest;

import dev.catena.retrievers.loader.MetadataKeys;
import dev.catena.retrievers.splitter.SentenceSplitter;
import dev.langchain4j.data.document.Document;
import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.EmbeddingSearchResult;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IngestionPipelineTest {

    @TempDir
    Path dir;

    final WordHashEmbeddingModel embedder = new WordHashEmbeddingModel();

    /** 10 documents of 5 sentences each: 50 chunks with a sentence splitter of 60 chars. */
    static List<Document> documents() {
        List<Document> docs = new ArrayList<>();
        for (int d = 0; d < 10; d++) {
            StringBuilder text = new StringBuilder();
            for (int s = 0; s < 5; s++) text.append("Document ").append(d).append(" says fact number ").append(s).append(". ");
            docs.add(Document.from(text.toString(), Metadata.from(MetadataKeys.SOURCE, "doc-" + d + ".txt")));
        }
        return docs;
    }

    IngestionPipeline.Builder pipeline(EmbeddingStore<TextSegment> store, IngestionLedger ledger) {
        return IngestionPipeline.builder().splitter(SentenceSplitter.of(60, 0)).embeddingModel(embedder)
                .store(store).ledger(ledger).batchSize(8);
    }

    /** Every entry of the store, as text -> number of copies. */
    static Map<String, Integer> contents(EmbeddingStore<TextSegment> store) {
        EmbeddingSearchResult<TextSegment> all = store.search(EmbeddingSearchRequest.builder()
                .queryEmbedding(Embedding.from(unit())).maxResults(10_000).minScore(0.0).build());
        return all.matches().stream().collect(Collectors.toMap(m -> m.embedded().text(), m -> 1, Integer::sum, TreeMap::new));
    }

    static float[] unit() {
        float[] v = new float[64];
        v[0] = 1;
        return v;
    }

    static Map<String, Integer> expected() {
        Map<String, Integer> out = new TreeMap<>();
        for (int d = 0; d < 10; d++) for (int s = 0; s < 5; s++) out.put("Document " + d + " says fact number " + s + ".", 1);
        return out;
    }

    @Test
    void storesEveryChunkOnceWithIdsHashesAndMetadata() {
        InMemoryEmbeddingStore<TextSegment> store = new InMemoryEmbeddingStore<>();
        IngestionReport report = pipeline(store, IngestionLedger.inMemory()).build().ingest(documents());
        assertThat(report.documents()).isEqualTo(10);
        assertThat(report.chunks()).isEqualTo(50);
        assertThat(report.added()).isEqualTo(50);
        assertThat(report.batches()).isEqualTo(7);
        assertThat(contents(store)).isEqualTo(expected());
        assertThat(embedder.calls.get()).isEqualTo(7);

        EmbeddingMatch<TextSegment> any = store.search(EmbeddingSearchRequest.builder()
                .queryEmbedding(Embedding.from(unit())).maxResults(1).build()).matches().getFirst();
        String hash = any.embedded().metadata().getString(MetadataKeys.CONTENT_HASH);
        assertThat(hash).hasSize(64);
        assertThat(any.embeddingId()).isEqualTo(ChunkIds.idOf(hash));
        assertThat(any.embedded().metadata().getString(MetadataKeys.SOURCE)).startsWith("doc-");
    }

    @Test
    void reingestingTheSameDocumentsAddsNothing() {
        InMemoryEmbeddingStore<TextSegment> store = new InMemoryEmbeddingStore<>();
        IngestionLedger ledger = IngestionLedger.open(dir.resolve("ledger"));
        pipeline(store, ledger).build().ingest(documents());
        int callsAfterFirst = embedder.calls.get();

        IngestionReport again = pipeline(store, IngestionLedger.open(dir.resolve("ledger"))).build().ingest(documents());
        assertThat(again.added()).isZero();
        assertThat(again.skipped()).isEqualTo(50);
        assertThat(embedder.calls.get()).isEqualTo(callsAfterFirst);
        assertThat(contents(store)).isEqualTo(expected());

        List<Document> plusOne = new ArrayList<>(documents());
        plusOne.add(Document.from("A new document.", Metadata.from(MetadataKeys.SOURCE, "new.txt")));
        IngestionReport third = pipeline(store, ledger).build().ingest(plusOne);
        assertThat(third.added()).isEqualTo(1);
        assertThat(contents(store)).hasSize(51).containsEntry("A new document.", 1);
    }

    @Test
    void resumesAfterTheEmbedderFailsMidWay() {
        InMemoryEmbeddingStore<TextSegment> store = new InMemoryEmbeddingStore<>();
        Path ledgerFile = dir.resolve("ingest.ledger");
        embedder.failOnCall = 4;
        assertThatThrownBy(() -> pipeline(store, IngestionLedger.open(ledgerFile)).build().ingest(documents()))
                .isInstanceOf(IngestionException.class)
                .hasMessageContaining("cannot embed chunks 24..31 of 50")
                .hasMessageContaining("embedding service unavailable");
        assertThat(contents(store)).hasSize(24);

        embedder.failOnCall = -1;
        IngestionReport resumed = pipeline(store, IngestionLedger.open(ledgerFile)).build().ingest(documents());
        assertThat(resumed.skipped()).isEqualTo(24);
        assertThat(resumed.added()).isEqualTo(26);
        assertThat(contents(store)).isEqualTo(expected());
    }

    @Test
    void resumesWithoutDuplicatesWhenTheStoreWroteButDidNotAcknowledge() {
        InMemoryEmbeddingStore<TextSegment> inner = new InMemoryEmbeddingStore<>();
        AtomicInteger writes = new AtomicInteger();
        EmbeddingStore<TextSegment> crashing = new ForwardingStore(inner) {
            @Override
            public void addAll(List<String> ids, List<Embedding> embeddings, List<TextSegment> segments) {
                super.addAll(ids, embeddings, segments);
                if (writes.incrementAndGet() == 3) throw new IllegalStateException("connection reset after write");
            }
        };
        Path ledgerFile = dir.resolve("ingest.ledger");
        assertThatThrownBy(() -> pipeline(crashing, IngestionLedger.open(ledgerFile)).build().ingest(documents()))
                .isInstanceOf(IngestionException.class).hasMessageContaining("cannot store chunks 16..23");
        assertThat(contents(inner)).hasSize(24); // the third batch did land
        assertThat(IngestionLedger.open(ledgerFile).pending()).hasSize(8);

        IngestionReport resumed = pipeline(inner, IngestionLedger.open(ledgerFile)).build().ingest(documents());
        assertThat(resumed.recovered()).isEqualTo(8);
        assertThat(resumed.added()).isEqualTo(34);
        assertThat(contents(inner)).isEqualTo(expected()); // every chunk exactly once
        assertThat(IngestionLedger.open(ledgerFile).pending()).isEmpty();
        assertThat(IngestionLedger.open(ledgerFile).committedCount()).isEqualTo(50);
    }

    @Test
    void aChangedDocumentReplacesItsOutdatedChunks() {
        InMemoryEmbeddingStore<TextSegment> store = new InMemoryEmbeddingStore<>();
        IngestionLedger ledger = IngestionLedger.open(dir.resolve("ledger"));
        Metadata source = Metadata.from(MetadataKeys.SOURCE, "faq.txt");
        pipeline(store, ledger).splitter(SentenceSplitter.of(20, 0)).build().ingest(List.of(Document.from("Old question one. Shared answer two.", source.copy()),
                Document.from("Other document.", Metadata.from(MetadataKeys.SOURCE, "other.txt"))));
        assertThat(contents(store)).containsOnlyKeys("Old question one.", "Shared answer two.", "Other document.");

        IngestionReport report = pipeline(store, IngestionLedger.open(dir.resolve("ledger"))).splitter(SentenceSplitter.of(20, 0)).build()
                .ingest(List.of(Document.from("New question one!! Shared answer two.", source.copy())));
        assertThat(report.removed()).isEqualTo(2); // both old chunks: the second one moved, so its offsets changed
        assertThat(report.added()).isEqualTo(2);
        assertThat(contents(store)).isEqualTo(Map.of("New question one!!", 1, "Shared answer two.", 1, "Other document.", 1));
        assertThat(IngestionLedger.open(dir.resolve("ledger")).committedFrom("faq.txt")).hasSize(2);
    }

    @Test
    void ledgerIgnoresATornLastLineButRejectsCorruptionElsewhere() throws Exception {
        Path file = dir.resolve("l");
        Files.writeString(file, "P a s.txt\nC a\nP b s.txt\nC");
        IngestionLedger ledger = IngestionLedger.open(file);
        assertThat(ledger.isCommitted("a")).isTrue();
        assertThat(ledger.pending()).containsExactly("b");
        assertThat(ledger.committedFrom("s.txt")).containsExactly("a");

        Files.writeString(file, "P a\ngarbage\nC a\n");
        assertThatThrownBy(() -> IngestionLedger.open(file)).hasMessageContaining("line 2").hasMessageContaining(file.toString());
    }

    @Test
    void progressBarDrawsInPlaceOrPerTenPercent() {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        InMemoryEmbeddingStore<TextSegment> store = new InMemoryEmbeddingStore<>();
        pipeline(store, IngestionLedger.inMemory()).listener(IngestionProgress.to(new PrintStream(log, true, StandardCharsets.UTF_8), false))
                .build().ingest(documents());
        List<String> lines = log.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines.getFirst()).startsWith("[--------------------]   0%  0/50 chunks");
        assertThat(lines.getLast()).startsWith("[####################] 100%  50/50 chunks");
        assertThat(lines).hasSizeBetween(5, 8);

        ByteArrayOutputStream tty = new ByteArrayOutputStream();
        pipeline(new InMemoryEmbeddingStore<>(), IngestionLedger.inMemory())
                .listener(IngestionProgress.to(new PrintStream(tty, true, StandardCharsets.UTF_8), true)).build().ingest(documents());
        String drawn = tty.toString(StandardCharsets.UTF_8);
        assertThat(drawn).startsWith("\r[--------------------]   0%  0/50 chunks").contains("\r[####################] 100%  50/50 chunks");
        assertThat(drawn.chars().filter(c -> c == '\r').count()).isEqualTo(8); // start + 7 batches
        assertThat(drawn).endsWith(System.lineSeparator());
    }

    /** Delegates every call; tests override what they need. */
    static class ForwardingStore implements EmbeddingStore<TextSegment> {
        final EmbeddingStore<TextSegment> inner;

        ForwardingStore(EmbeddingStore<TextSegment> inner) {
            this.inner = inner;
        }

        @Override public String add(Embedding embedding) { return inner.add(embedding); }
        @Override public void add(String id, Embedding embedding) { inner.add(id, embedding); }
        @Override public String add(Embedding embedding, TextSegment segment) { return inner.add(embedding, segment); }
        @Override public List<String> addAll(List<Embedding> embeddings) { return inner.addAll(embeddings); }
        @Override public void addAll(List<String> ids, List<Embedding> embeddings, List<TextSegment> segments) {
            inner.addAll(ids, embeddings, segments);
        }
        @Override public void removeAll(Collection<String> ids) { inner.removeAll(ids); }
        @Override public EmbeddingSearchResult<TextSegment> search(EmbeddingSearchRequest request) { return inner.search(request); }
    }
}
