package dev.catena.retrievers.store;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

/**
 * The data of the vector stores' recall/latency benchmarks ({@link StoreBench} and pgvector's bulk
 * benchmark), the same for every store: from seed 42, N unit vectors of dimension D, clustered (512
 * Gaussian centroids plus noise of sigma 0.6, like sentence embeddings of many topics) or uniform on
 * the sphere, then the query vectors drawn the same way, with the exact top k by brute force.
 */
public final class BenchVectors {

    /** The number of clusters of clustered data. */
    public static final int CENTROIDS = 512;

    private final float[][] vectors;
    private final float[][] queries;

    private BenchVectors(float[][] vectors, float[][] queries) {
        this.vectors = vectors;
        this.queries = queries;
    }

    /** {@code n} vectors and {@code queries} query vectors of dimension {@code dim}. */
    public static BenchVectors generate(int n, int dim, int queries, boolean uniform) {
        Random random = new Random(42);
        float[][] centroids = new float[uniform ? 1 : CENTROIDS][];
        for (int c = 0; c < centroids.length; c++) {
            centroids[c] = uniform ? new float[dim] : gaussian(random, dim, 1.0f);
        }
        float[][] vectors = new float[n][];
        for (int i = 0; i < n; i++) {
            vectors[i] = sample(random, centroids, dim);
        }
        float[][] queryVectors = new float[queries][];
        for (int i = 0; i < queries; i++) {
            queryVectors[i] = sample(random, centroids, dim);
        }
        return new BenchVectors(vectors, queryVectors);
    }

    /** The number of vectors. */
    public int size() {
        return vectors.length;
    }

    /** Vector {@code i} (not a copy: do not change it). */
    public float[] vector(int i) {
        return vectors[i];
    }

    /** The number of query vectors. */
    public int queryCount() {
        return queries.length;
    }

    /** Query vector {@code q} (not a copy: do not change it). */
    public float[] query(int q) {
        return queries[q];
    }

    /** The id vector {@code i} is stored under. */
    public static String id(int i) {
        return "v" + i;
    }

    /** The short text stored with vector {@code i}. */
    public static String text(int i) {
        return "chunk " + i + " of topic " + (i % CENTROIDS);
    }

    /** The ids of the {@code k} vectors with the highest dot product with {@code query} (cosine: all are unit length). */
    public Set<String> exactTop(float[] query, int k) {
        int[] best = new int[k];
        double[] scores = new double[k];
        Arrays.fill(scores, Double.NEGATIVE_INFINITY);
        for (int i = 0; i < vectors.length; i++) {
            double s = 0;
            for (int d = 0; d < query.length; d++) {
                s += vectors[i][d] * query[d];
            }
            if (s > scores[k - 1]) {
                int j = k - 1;
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
            ids.add(id(i));
        }
        return ids;
    }

    private static float[] sample(Random random, float[][] centroids, int dim) {
        float[] c = centroids[random.nextInt(centroids.length)];
        float[] v = gaussian(random, dim, 0.6f);
        double norm = 0;
        for (int i = 0; i < dim; i++) {
            v[i] += c[i];
            norm += v[i] * v[i];
        }
        float inv = (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < dim; i++) {
            v[i] *= inv;
        }
        return v;
    }

    private static float[] gaussian(Random random, int dim, float sigma) {
        float[] v = new float[dim];
        for (int i = 0; i < dim; i++) {
            v[i] = (float) (random.nextGaussian() * sigma);
        }
        return v;
    }
}
