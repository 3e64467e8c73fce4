package dev.catena.retrievers.lucene;

import dev.catena.retrievers.ingest.FolderIngestion;
import dev.catena.retrievers.ingest.FolderReport;
import dev.catena.retrievers.onnx.EmbeddingModels;
import dev.catena.retrievers.splitter.MarkdownHeaderSplitter;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Benchmark of {@link FolderIngestion}, not a test: generates N Markdown documents (three sections
 * of random sentences each), ingests them with MiniLM (quantized) into a Lucene index on disk, then
 * opens the index again and syncs the unchanged folder, as a restart does. Prints the chunks/s of
 * the first run, the restart time (open the store + sync) and the embedding calls of the restart.
 * <pre>
 * ./mvnw -q -pl retrievers -am test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test
 * java --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED \
 *     -cp retrievers/target/test-classes:retrievers/target/classes:$(cat /tmp/cp.txt) \
 *     dev.catena.retrievers.lucene.FolderIngestionBench 1000
 * </pre>
 */
public final class FolderIngestionBench {

    private static final String[] WORDS = ("account invoice refund shipping parcel warranty battery screen update password "
            + "login export backup folder sync network proxy server client error timeout limit quota plan price "
            + "discount order delivery return label warehouse carrier tracking customer support hours phone email").split(" ");

    private FolderIngestionBench() {}

    public static void main(String[] args) throws IOException {
        int documents = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        Path root = Files.createTempDirectory("catena-folder-bench");
        Path folder = Files.createDirectories(root.resolve("docs"));
        Random random = new Random(1);
        for (int d = 0; d < documents; d++) {
            StringBuilder text = new StringBuilder("# Document ").append(d).append("\n\n");
            for (int section = 0; section < 3; section++) {
                text.append("## Section ").append(section).append("\n\n");
                for (int sentence = 0; sentence < 4; sentence++) {
                    for (int w = 0; w < 12; w++) text.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
                    text.append("item").append(d * 100 + section * 10 + sentence).append(".\n");
                }
                text.append('\n');
            }
            Files.writeString(folder.resolve(String.format(Locale.ROOT, "doc-%05d.md", d)), text);
        }
        Counting model = new Counting(EmbeddingModels.miniLmQuantized());
        FolderReport first = sync(folder, root, model);
        System.out.printf(Locale.ROOT, "first run: %d files, %d chunks in %.1f s = %.1f chunks/s (%d embedding calls)%n",
                first.files(), first.ingestion().added(), first.ingestion().elapsed().toMillis() / 1000.0,
                first.ingestion().chunksPerSecond(), model.calls.get());
        for (int i = 0; i < 3; i++) {
            int calls = model.calls.get();
            long start = System.nanoTime();
            FolderReport again = sync(folder, root, model);
            System.out.printf(Locale.ROOT, "restart %d, unchanged folder: %d files unchanged, ready in %d ms, %d embedding calls%n",
                    i + 1, again.unchanged(), (System.nanoTime() - start) / 1_000_000, model.calls.get() - calls);
        }
    }

    /** Opens the store on disk and syncs the folder, as a start-up does. */
    private static FolderReport sync(Path folder, Path root, EmbeddingModel model) {
        try (LuceneEmbeddingStore store = LuceneEmbeddingStore.builder().directory(root.resolve("index")).dimension(384).build()) {
            return FolderIngestion.builder().folder(folder).stateDir(root.resolve("state")).store(store).embeddingModel(model)
                    .splitter(MarkdownHeaderSplitter.of(700, 0)).build().sync();
        }
    }

    private static final class Counting implements EmbeddingModel {
        final AtomicInteger calls = new AtomicInteger();
        final EmbeddingModel model;

        Counting(EmbeddingModel model) {
            this.model = model;
        }

        @Override
        public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
            calls.incrementAndGet();
            return model.embedAll(segments);
        }

        @Override
        public int dimension() {
            return model.dimension();
        }
    }
}
