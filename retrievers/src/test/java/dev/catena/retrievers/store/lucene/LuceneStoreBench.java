package dev.catena.retrievers.store.lucene;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Benchmark of the Lucene store, not a test: ingests N vectors of dimension D (clustered: 512
 * random centroids plus Gaussian noise, unit length, like sentence embeddings of many topics) in
 * batches of 1000 with a short text each, into an index on disk, then runs Q queries (after 50
 * warm-up queries) for the top 10 and compares them with an exact brute-force top 10.
 * Prints ingestion rate, query latency p50/p99 and recall@10. A fourth argument {@code uniform}
 * draws the vectors uniformly on the sphere instead (no clusters: the hardest case for HNSW); a
 * fifth sets the store's HNSW candidates (default 100).
 * <pre>
 * ./mvnw -q -pl retrievers -am test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test
 * java -Xmx3g --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED \
 *     -cp retrievers/target/test-classes:retrievers/target/classes:$(cat /tmp/cp.txt) \
 *     dev.catena.retrievers.store.lucene.LuceneStoreBench 100000 384 500
 * </pre>
 */
public final class LuceneStoreBench {

    private static final int BATCH = 1000;
    private static final int K = 10;
    private static final int WARMUP = 50;
    private static final int CENTROIDS = 512;

    public static void main(String[] args) throws IOException {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int dim = args.length > 1 ? Integer.parseInt(args[1]) : 384;
        int queries = args.length > 2 ? Integer.parseInt(args[2]) : 500;
        boolean uniform = args.length > 3 && args[3].equals("uniform");
        int candidates = args.length > 4 ? Integer.parseInt(args[4]) : 100;
        Random random = new Random(42);
        float[][] centroids = new float[uniform ? 1 : CENTROIDS][];
        for (int c = 0; c < centroids.length; c++) {
            centroids[c] = uniform ? new float[dim] : gaussian(random, dim, 1.0f);
        }
        float[][] vectors = new float[n][];
        for (int i = 0; i < n; i++) {
            vectors[i] = sample(random, centroids, dim);
        }
        float[][] queryVectors = new float[WARMUP + queries][];
        for (int i = 0; i < queryVectors.length; i++) {
            queryVectors[i] = sample(random, centroids, dim);
        }

        Path dir = Files.createTempDirectory("catena-lucene-bench");
        try (LuceneEmbeddingStore store = LuceneEmbeddingStore.builder().directory(dir).dimension(dim).candidates(candidates).build()) {
            long start = System.nanoTime();
            for (int from = 0; from < n; from += BATCH) {
                int to = Math.min(n, from + BATCH);
                List<String> ids = new ArrayList<>(to - from);
                List<Embedding> embeddings = new ArrayList<>(to - from);
                List<TextSegment> segments = new ArrayList<>(to - from);
                for (int i = from; i < to; i++) {
                    ids.add("v" + i);
                    embeddings.add(new Embedding(vectors[i]));
                    segments.add(TextSegment.from("chunk " + i + " of topic " + (i % CENTROIDS)));
                }
                store.addAll(ids, embeddings, segments);
            }
            double ingestSeconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "ingested %d vectors (dim %d) in %.1f s: %.0f vectors/s; index %.0f MB%n",
                    n, dim, ingestSeconds, n / ingestSeconds, size(dir) / 1e6);

            long[] latencies = new long[queries];
            double recall = 0;
            for (int q = 0; q < queryVectors.length; q++) {
                EmbeddingSearchRequest request = EmbeddingSearchRequest.builder()
                        .queryEmbedding(new Embedding(queryVectors[q])).maxResults(K).build();
                long t0 = System.nanoTime();
                List<EmbeddingMatch<TextSegment>> found = store.search(request).matches();
                long t1 = System.nanoTime();
                if (q >= WARMUP) {
                    latencies[q - WARMUP] = t1 - t0;
                    Set<String> exact = exactTop(vectors, queryVectors[q]);
                    long hits = found.stream().filter(m -> exact.contains(m.embeddingId())).count();
                    recall += hits / (double) K;
                }
            }
            Arrays.sort(latencies);
            System.out.printf(Locale.ROOT, "%s data, %d candidates: ", uniform ? "uniform" : "clustered", candidates);
            System.out.printf(Locale.ROOT, "%d queries (top %d): p50 %.2f ms, p99 %.2f ms, max %.2f ms; recall@%d vs exact %.3f%n",
                    queries, K, latencies[queries / 2] / 1e6, latencies[(int) Math.ceil(queries * 0.99) - 1] / 1e6,
                    latencies[queries - 1] / 1e6, K, recall / queries);
        } finally {
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static Set<String> exactTop(float[][] vectors, float[] query) {
        int[] best = new int[K];
        double[] scores = new double[K];
        Arrays.fill(scores, Double.NEGATIVE_INFINITY);
        for (int i = 0; i < vectors.length; i++) {
            double s = dot(vectors[i], query);
            if (s > scores[K - 1]) {
                int j = K - 1;
                while (j > 0 && scores[j - 1] < s) {
                    scores[j] = scores[j - 1];
                    best[j] = best[j - 1];
                    j--;
                }
                scores[j] = s;
                best[j] = i;
            }
        }
        Set<String> ids = new HashSet<>();
        for (int i : best) {
            ids.add("v" + i);
        }
        return ids;
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static float[] sample(Random random, float[][] centroids, int dim) {
        float[] c = centroids[random.nextInt(centroids.length)];
        float[] v = gaussian(random, dim, 0.6f);
        for (int i = 0; i < dim; i++) {
            v[i] += c[i];
        }
        return normalize(v);
    }

    private static float[] gaussian(Random random, int dim, float sigma) {
        float[] v = new float[dim];
        for (int i = 0; i < dim; i++) {
            v[i] = (float) (random.nextGaussian() * sigma);
        }
        return v;
    }

    private static float[] normalize(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        float inv = (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < v.length; i++) {
            v[i] *= inv;
        }
        return v;
    }

    private static long size(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }
}
