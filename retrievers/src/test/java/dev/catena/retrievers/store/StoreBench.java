package dev.catena.retrievers.store;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.EmbeddingStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * The recall/latency benchmark every vector store runs (a store's bench class opens the store and
 * calls {@link #run}): N vectors of dimension D (clustered: 512 random centroids plus Gaussian noise,
 * unit length, like sentence embeddings of many topics; or uniform on the sphere) added in batches of
 * 1000 with a short text each, then Q top-10 queries (after 50 warm-up queries) compared with an
 * exact brute-force top 10. Prints ingestion rate, query latency p50/p99 and recall@10.
 */
public final class StoreBench {

    private static final int BATCH = 1000;
    private static final int K = 10;
    private static final int WARMUP = 50;
    private static final int CENTROIDS = 512;

    private StoreBench() {}

    /** Runs the benchmark on {@code store} (empty, of dimension {@code dim}); {@code label} names the configuration. */
    public static void run(EmbeddingStore<TextSegment> store, int n, int dim, int queries, boolean uniform, String label) {
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
        System.out.printf(Locale.ROOT, "ingested %d vectors (dim %d) in %.1f s: %.0f vectors/s%n", n, dim, ingestSeconds,
                n / ingestSeconds);

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
        System.out.printf(Locale.ROOT, "%s data, %s: ", uniform ? "uniform" : "clustered", label);
        System.out.printf(Locale.ROOT, "%d queries (top %d): p50 %.2f ms, p99 %.2f ms, max %.2f ms; recall@%d vs exact %.3f%n",
                queries, K, latencies[queries / 2] / 1e6, latencies[(int) Math.ceil(queries * 0.99) - 1] / 1e6,
                latencies[queries - 1] / 1e6, K, recall / queries);
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

}
