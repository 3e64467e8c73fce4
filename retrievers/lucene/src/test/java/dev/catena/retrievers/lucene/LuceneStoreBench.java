package dev.catena.retrievers.lucene;

import dev.catena.retrievers.store.StoreBench;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Benchmark of the Lucene store, not a test: {@link StoreBench} (N vectors of dimension D, clustered
 * or uniform, then Q top-10 queries against an exact top 10) on an index on disk, whose size it
 * prints too. A fourth argument {@code uniform} draws the vectors uniformly on the sphere (no
 * clusters: the hardest case for HNSW); a fifth sets the store's HNSW candidates (default 100).
 * <pre>
 * ./mvnw -q -pl retrievers -am test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test
 * java -Xmx3g --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED \
 *     -cp retrievers/target/test-classes:retrievers/target/classes:$(cat /tmp/cp.txt) \
 *     dev.catena.retrievers.lucene.LuceneStoreBench 100000 384 500
 * </pre>
 */
public final class LuceneStoreBench {

    private LuceneStoreBench() {}

    public static void main(String[] args) throws IOException {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int dim = args.length > 1 ? Integer.parseInt(args[1]) : 384;
        int queries = args.length > 2 ? Integer.parseInt(args[2]) : 500;
        boolean uniform = args.length > 3 && args[3].equals("uniform");
        int candidates = args.length > 4 ? Integer.parseInt(args[4]) : 100;
        Path dir = Files.createTempDirectory("catena-lucene-bench");
        try (LuceneEmbeddingStore store = LuceneEmbeddingStore.builder().directory(dir).dimension(dim).candidates(candidates).build()) {
            StoreBench.run(store, n, dim, queries, uniform, candidates + " candidates");
            System.out.printf(Locale.ROOT, "index %.0f MB%n", size(dir) / 1e6);
        } finally {
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static long size(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }
}
