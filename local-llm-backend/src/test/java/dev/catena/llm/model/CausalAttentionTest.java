package dev.catena.llm.model;

import dev.catena.llm.compute.kernel.ThreadedCompute;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tiled online-softmax attention against a plain float64 softmax over the same keys and values, on
 * prompts long enough to span many key tiles and query tiles, with GQA and sliding windows that end
 * inside tiles; and a query alone gives what it gives inside a batch.
 */
class CausalAttentionTest {

    /** A Gemma-like shape: 8 query heads sharing 2 KV heads, head width 64, window {@code window} (0 = none). */
    private static ModelConfig config(int window) {
        return new ModelConfig(Architecture.GEMMA3, 256, 1, 8, 2, 64, 64, 512, 4096, 1e-6f, 1e6f, 1f, 64,
                window, window > 0 ? 2 : 0, 1e4f, 0f, 0.125f);
    }

    @ParameterizedTest(name = "window {0}, prefix {1}, batch {2}, threads {3}")
    @CsvSource({"0, 0, 300, 2", "0, 130, 70, 2", "37, 0, 300, 2", "100, 65, 200, 1", "0, 299, 1, 2", "0, 299, 1, 8",
            "37, 200, 3, 3"})
    void matchesAPlainSoftmaxAndABatchEqualsSingleQueries(int window, int prefix, int batch, int threads) {
        ModelConfig c = config(window);
        int total = prefix + batch;
        Random rnd = new Random(window * 31L + prefix + batch);
        float[][] keys = random(rnd, total, c.kvDim(), 2f);
        float[][] values = random(rnd, total, c.kvDim(), 1f);
        float[][] q = random(rnd, batch, c.queryDim(), 2f);
        KvCache cache = new KvCache(c, total);
        cache.ensureCapacity(total);
        for (int p = 0; p < total; p++) {
            cache.write(0, p, keys[p], values[p]);
        }
        boolean sliding = window > 0;
        float[][] out = new float[batch][c.queryDim()];
        try (ThreadedCompute compute = new ThreadedCompute(threads)) { // more threads than tasks split head groups
            new CausalAttention(c).run(compute, cache, 0, sliding, prefix, q, out);
            double worst = 0;
            for (int b = 0; b < batch; b++) {
                float[] expected = reference(c, sliding, prefix + b, q[b], keys, values);
                for (int i = 0; i < expected.length; i++) {
                    worst = Math.max(worst, Math.abs(out[b][i] - expected[i]));
                }
            }
            assertThat(worst).as("max |tiled - float64 softmax| (values in [-1, 1])").isLessThan(1e-5);

            CausalAttention single = new CausalAttention(c);
            for (int b = 0; b < batch; b += 17) {
                float[][] one = new float[1][c.queryDim()];
                single.run(compute, cache, 0, sliding, prefix + b, new float[][] {q[b]}, one);
                double diff = 0;
                for (int i = 0; i < one[0].length; i++) {
                    diff = Math.max(diff, Math.abs(one[0][i] - out[b][i]));
                }
                // the same operations in the same order; only the JIT's state (an interpreted Vector API
                // exp or lane sum against the compiled intrinsic) can move the last bits
                assertThat(diff).as("query %d alone against in the batch", b).isLessThan(1e-6);
            }
        }
    }

    private static float[] reference(ModelConfig c, boolean sliding, int pos, float[] q, float[][] keys, float[][] values) {
        int hd = c.headDim();
        int group = c.heads() / c.kvHeads();
        int first = sliding ? Math.max(0, pos - c.slidingWindow() + 1) : 0;
        float[] out = new float[c.queryDim()];
        for (int h = 0; h < c.heads(); h++) {
            int kOff = h / group * hd;
            double[] w = new double[pos - first + 1];
            double max = Double.NEGATIVE_INFINITY;
            for (int j = first; j <= pos; j++) {
                double s = 0;
                for (int d = 0; d < hd; d++) {
                    s += (double) q[h * hd + d] * keys[j][kOff + d];
                }
                w[j - first] = s * c.attentionScale();
                max = Math.max(max, w[j - first]);
            }
            double sum = 0;
            for (int i = 0; i < w.length; i++) {
                w[i] = Math.exp(w[i] - max);
                sum += w[i];
            }
            for (int d = 0; d < hd; d++) {
                double acc = 0;
                for (int j = first; j <= pos; j++) {
                    acc += w[j - first] * values[j][kOff + d];
                }
                out[h * hd + d] = (float) (acc / sum);
            }
        }
        return out;
    }

    private static float[][] random(Random rnd, int rows, int cols, float range) {
        float[][] m = new float[rows][cols];
        for (float[] row : m) {
            for (int i = 0; i < cols; i++) {
                row[i] = (rnd.nextFloat() * 2 - 1) * range;
            }
        }
        return m;
    }
}
