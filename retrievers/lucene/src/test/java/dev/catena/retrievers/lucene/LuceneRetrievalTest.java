package dev.catena.retrievers.lucene;

import dev.catena.retrievers.ingest.IngestionException;
import dev.catena.retrievers.ingest.IngestionLedger;
import dev.catena.retrievers.ingest.IngestionPipeline;
import dev.catena.retrievers.ingest.IngestionReport;
import dev.catena.retrievers.loader.DirectoryLoader;
import dev.catena.retrievers.loader.MetadataKeys;
import dev.catena.retrievers.onnx.EmbeddingModels;
import dev.catena.retrievers.retrieval.HybridRetriever;
import dev.catena.retrievers.retrieval.VectorRetriever;
import dev.catena.retrievers.splitter.MarkdownHeaderSplitter;
import dev.langchain4j.data.document.Document;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.langchain4j.store.embedding.filter.MetadataFilterBuilder.metadataKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The retrieval strategies and the ingestion pipeline on the embedded Lucene store: its own BM25
 * ({@code KeywordSearch}) in the hybrid, and resumable ingestion into an index on disk.
 */
class LuceneRetrievalTest {

    @TempDir
    Path dir;

    static final EmbeddingModel MODEL = EmbeddingModels.defaultModel();

    static List<Document> corpus() throws URISyntaxException {
        Path corpus = Path.of(LuceneRetrievalTest.class.getResource("/corpus/nimbus").toURI());
        return DirectoryLoader.builder().include("*.md").build().load(corpus);
    }

    @Test
    void hybridOverLuceneIsAtLeastVectorOnly() throws Exception {
        try (LuceneEmbeddingStore store = LuceneEmbeddingStore.builder().inMemory().dimension(384).build()) {
            IngestionPipeline.builder().splitter(MarkdownHeaderSplitter.of(400, 40)).embeddingModel(MODEL).store(store)
                    .build().ingest(corpus());
            var questions = RetrievalQualityTest.loadQuestions();
            VectorRetriever vector = VectorRetriever.builder().store(store).embeddingModel(MODEL).maxResults(10).build();
            Bm25Retriever bm25 = Bm25Retriever.of(store, 10);
            HybridRetriever hybrid = HybridRetriever.of(vector, bm25, 10);
            double v = RetrievalQualityTest.recallAt(questions, vector, 5);
            double h = RetrievalQualityTest.recallAt(questions, hybrid, 5);
            System.out.printf(Locale.ROOT, "Lucene recall@5: vector=%.3f bm25=%.3f hybrid=%.3f%n",
                    v, RetrievalQualityTest.recallAt(questions, bm25, 5), h);
            assertThat(h).isGreaterThanOrEqualTo(v);
            RetrievalQualityTest.assertSeparates("Lucene", RetrievalQualityTest.loadQuestions("nimbus-hard-questions.tsv"),
                    vector, bm25, hybrid);

            assertThat(Bm25Retriever.of(store, 3, metadataKey(MetadataKeys.TITLE).isEqualTo("Error NX-507: vault locked by another device"))
                    .retrieve("NX-507").stream().map(c -> c.textSegment().metadata().getString(MetadataKeys.TITLE)))
                    .containsExactly("Error NX-507: vault locked by another device");
        }
    }

    @Test
    void interruptedIngestionIntoAnIndexOnDiskResumesAfterARestart() throws Exception {
        Path index = dir.resolve("index");
        Path ledger = dir.resolve("ingest.ledger");
        List<Document> docs = corpus();
        AtomicInteger calls = new AtomicInteger();
        EmbeddingModel flaky = new EmbeddingModel() {
            @Override
            public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
                if (calls.incrementAndGet() == 3) throw new IllegalStateException("embedder crashed");
                return MODEL.embedAll(segments);
            }
        };
        try (LuceneEmbeddingStore store = LuceneEmbeddingStore.builder().directory(index).dimension(384).build()) {
            assertThatThrownBy(() -> IngestionPipeline.builder().splitter(MarkdownHeaderSplitter.of(400, 40))
                    .embeddingModel(flaky).store(store).batchSize(10).ledger(IngestionLedger.open(ledger)).build().ingest(docs))
                    .isInstanceOf(IngestionException.class);
            assertThat(store.size()).isEqualTo(20);
        }
        IngestionReport report;
        try (LuceneEmbeddingStore store = LuceneEmbeddingStore.builder().directory(index).dimension(384).build()) {
            report = IngestionPipeline.builder().splitter(MarkdownHeaderSplitter.of(400, 40)).embeddingModel(MODEL)
                    .store(store).batchSize(10).ledger(IngestionLedger.open(ledger)).build().ingest(docs);
            assertThat(report.skipped()).isEqualTo(20);
            assertThat(store.size()).isEqualTo(report.chunks());
        }
        try (LuceneEmbeddingStore store = LuceneEmbeddingStore.builder().directory(index).dimension(384).build()) {
            IngestionReport again = IngestionPipeline.builder().splitter(MarkdownHeaderSplitter.of(400, 40))
                    .embeddingModel(MODEL).store(store).ledger(IngestionLedger.open(ledger)).build().ingest(docs);
            assertThat(again.added()).isZero();
            assertThat(store.size()).isEqualTo(report.chunks());
        }
    }
}
