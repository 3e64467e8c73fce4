package dev.catena.retrievers.onnx;

import dev.catena.retrievers.ingest.IngestionPipeline;
import dev.catena.retrievers.ingest.IngestionReport;
import dev.catena.retrievers.loader.MetadataKeys;
import dev.catena.retrievers.splitter.SentenceSplitter;
import dev.langchain4j.data.document.Document;
import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Measures ingestion throughput (split, embed with in-process MiniLM, store in memory), not a test:
 * <pre>
 * ./mvnw -q -pl retrievers/onnx -am test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test
 * java --enable-native-access=ALL-UNNAMED -cp retrievers/onnx/target/test-classes:retrievers/onnx/target/classes:$(cat /tmp/cp.txt) \
 *     dev.catena.retrievers.onnx.IngestionThroughput 2000
 * </pre>
 */
public final class IngestionThroughput {

    private static final String[] WORDS = ("sync vault folder device upload download conflict version history share link "
            + "encryption passphrase plan billing invoice quota network proxy bandwidth server client error session "
            + "token mobile photo camera admin console member policy region backup restore trash file").split(" ");

    public static void main(String[] args) {
        int chunks = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        Random random = new Random(42);
        List<Document> docs = new ArrayList<>();
        for (int d = 0; d < chunks / 4; d++) {
            StringBuilder text = new StringBuilder();
            for (int s = 0; s < 4; s++) {
                for (int w = 0; w < 40; w++) text.append(w == 0 ? "Doc" + d + " " : " ").append(WORDS[random.nextInt(WORDS.length)]);
                text.append(". ");
            }
            docs.add(Document.from(text.toString(), Metadata.from(MetadataKeys.SOURCE, "doc-" + d)));
        }
        for (EmbeddingModel model : List.of(EmbeddingModels.miniLm(), EmbeddingModels.miniLmQuantized())) {
            model.embed("warm up");
            IngestionReport report = IngestionPipeline.builder().splitter(SentenceSplitter.of(300, 0))
                    .embeddingModel(model).store(new InMemoryEmbeddingStore<>()).batchSize(64).build().ingest(docs);
            System.out.printf(Locale.ROOT, "%s: %d chunks (~40 words each) in %.1f s = %.0f chunks/s (%d cores)%n",
                    model.getClass().getSimpleName(), report.added(), report.elapsed().toMillis() / 1000.0,
                    report.chunksPerSecond(), Runtime.getRuntime().availableProcessors());
        }
    }
}
