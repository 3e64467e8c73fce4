package dev.catena.llm.model;

/**
 * The inner loops of the forward pass that are not matrix products (attention, activation): on the JDK
 * Vector API ({@link VectorMathApi}) when the JVM has {@code jdk.incubator.vector}
 * ({@code --add-modules jdk.incubator.vector}), else plain loops.
 */
final class VectorMath {

    private static final boolean VECTOR = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

    private VectorMath() {
    }

    /** {@code sum_d a[aOff + d] * b[bOff + d]} for d &lt; n. */
    static float dot(float[] a, int aOff, float[] b, int bOff, int n) {
        if (VECTOR) {
            return VectorMathApi.dot(a, aOff, b, bOff, n);
        }
        float s = 0f;
        for (int d = 0; d < n; d++) {
            s += a[aOff + d] * b[bOff + d];
        }
        return s;
    }

    /**
     * {@code out[j] = dot(q, qOff, rows, rowsOff + j * n, n)} for j &lt; count: the dot products of one vector
     * with {@code count} rows of width {@code n} (the keys of an attention tile).
     */
    static void dots(float[] q, int qOff, float[] rows, int rowsOff, int count, int n, float[] out) {
        int j = VECTOR ? VectorMathApi.dots(q, qOff, rows, rowsOff, count, n, out) : 0;
        for (; j < count; j++) {
            out[j] = dot(q, qOff, rows, rowsOff + j * n, n);
        }
    }

    /**
     * {@code acc[accOff + d] += sum_j w[j] * rows[rowsOff + j * n + d]} for d &lt; n, j &lt; count: a weighted sum of
     * {@code count} rows of width {@code n} (the values of an attention tile) added to {@code acc}.
     */
    static void addWeightedRows(float[] acc, int accOff, float[] rows, int rowsOff, float[] w, int count, int n) {
        if (VECTOR) {
            VectorMathApi.addWeightedRows(acc, accOff, rows, rowsOff, w, count, n);
            return;
        }
        for (int j = 0; j < count; j++) {
            for (int d = 0; d < n; d++) {
                acc[accOff + d] += w[j] * rows[rowsOff + j * n + d];
            }
        }
    }

    /** {@code x[off + d] *= s} for d &lt; n. */
    static void scale(float[] x, int off, int n, float s) {
        for (int d = 0; d < n; d++) {
            x[off + d] *= s;
        }
    }

    /** Replaces {@code s[i]} by {@code exp(s[i] - max)} for i &lt; n and returns their sum. */
    static float expMinus(float[] s, int n, float max) {
        if (VECTOR) {
            return VectorMathApi.expMinus(s, n, max);
        }
        float sum = 0f;
        for (int i = 0; i < n; i++) {
            s[i] = (float) Math.exp(s[i] - max);
            sum += s[i];
        }
        return sum;
    }

    /** {@code gate[i] = gelu(gate[i]) * up[i]} with the tanh approximation of GELU. */
    static void geluTimes(float[] gate, float[] up) {
        int i = VECTOR ? VectorMathApi.geluTimes(gate, up) : 0;
        for (; i < gate.length; i++) {
            float g = gate[i];
            gate[i] = 0.5f * g * (1f + (float) Math.tanh(0.7978845608028654 * g * (1.0 + 0.044715 * g * g))) * up[i];
        }
    }

    /** {@code gate[i] = silu(gate[i]) * up[i]}. */
    static void siluTimes(float[] gate, float[] up) {
        for (int i = 0; i < gate.length; i++) {
            float g = gate[i];
            gate[i] = g / (1f + (float) Math.exp(-g)) * up[i];
        }
    }
}
