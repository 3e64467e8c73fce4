package dev.catena.llm.compute;

/**
 * The inner loops of the forward pass that are not matrix products (attention, activation): on the JDK
 * Vector API ({@link VectorMathApi}) when the JVM has {@code jdk.incubator.vector}
 * ({@code --add-modules jdk.incubator.vector}), else plain loops.
 */
public final class VectorMath {

    private static final boolean VECTOR = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

    private VectorMath() {
    }

    /**
     * Attention scores of {@code rows} query heads (1 to 4, of width {@code n}, one after the other from
     * {@code q[qOff]}) against a tile of keys stored transposed ({@code kt[d * stride + j]} is element d
     * of key j): {@code scores[r * stride + j] = sum_d q[qOff + r * n + d] * kt[d * stride + j]} for j below
     * {@code keys} (and possibly up to the next multiple of 64, at most {@code stride}).
     */
    public static void scores(float[] q, int qOff, int rows, float[] kt, int stride, int n, int keys, float[] scores) {
        if (VECTOR && stride % 64 == 0) {
            VectorMathApi.scores(q, qOff, rows, kt, stride, n, keys, scores);
            return;
        }
        for (int r = 0; r < rows; r++) {
            java.util.Arrays.fill(scores, r * stride, r * stride + keys, 0f);
            for (int d = 0; d < n; d++) {
                float qd = q[qOff + r * n + d];
                for (int j = 0; j < keys; j++) {
                    scores[r * stride + j] += qd * kt[d * stride + j];
                }
            }
        }
    }

    /**
     * For each of {@code rows} heads (1 to 4, outputs of width {@code n} one after the other from
     * {@code acc[accOff]}, weights {@code w[wOff + r * wStride + j]}): {@code acc[accOff + r * n + d] +=
     * sum_j w[wOff + r * wStride + j] * v[vOff + j * n + d]} for j &lt; count: the weighted sum of a tile of
     * {@code count} value rows added to each head's output.
     */
    public static void addWeightedRows(float[] acc, int accOff, int rows, float[] v, int vOff, float[] w, int wOff, int wStride,
                                int count, int n) {
        if (VECTOR) {
            VectorMathApi.addWeightedRows(acc, accOff, rows, v, vOff, w, wOff, wStride, count, n);
            return;
        }
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < count; j++) {
                float p = w[wOff + r * wStride + j];
                for (int d = 0; d < n; d++) {
                    acc[accOff + r * n + d] += p * v[vOff + j * n + d];
                }
            }
        }
    }

    /** {@code x[off + d] *= s} for d &lt; n. */
    public static void scale(float[] x, int off, int n, float s) {
        for (int d = 0; d < n; d++) {
            x[off + d] *= s;
        }
    }

    /** Replaces {@code s[i]} by {@code exp(s[i] - max)} for off &lt;= i &lt; off + n and returns their sum. */
    public static float expMinus(float[] s, int off, int n, float max) {
        if (VECTOR) {
            return VectorMathApi.expMinus(s, off, n, max);
        }
        float sum = 0f;
        for (int i = off; i < off + n; i++) {
            s[i] = (float) Math.exp(s[i] - max);
            sum += s[i];
        }
        return sum;
    }

    /** {@code gate[i] = gelu(gate[i]) * up[i]} with the tanh approximation of GELU. */
    public static void geluTimes(float[] gate, float[] up) {
        int i = VECTOR ? VectorMathApi.geluTimes(gate, up) : 0;
        for (; i < gate.length; i++) {
            float g = gate[i];
            gate[i] = 0.5f * g * (1f + (float) Math.tanh(0.7978845608028654 * g * (1.0 + 0.044715 * g * g))) * up[i];
        }
    }

    /** {@code gate[i] = silu(gate[i]) * up[i]}. */
    public static void siluTimes(float[] gate, float[] up) {
        for (int i = VECTOR ? VectorMathApi.siluTimes(gate, up) : 0; i < gate.length; i++) {
            float g = gate[i];
            gate[i] = g / (1f + (float) Math.exp(-g)) * up[i];
        }
    }
}
