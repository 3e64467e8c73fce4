package dev.catena.llm.model;

/**
 * The inner loops of {@link CausalAttention}: on the JDK Vector API when the JVM has
 * {@code jdk.incubator.vector} ({@code --add-modules jdk.incubator.vector}), else plain loops.
 */
final class AttentionMath {

    private static final boolean VECTOR = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

    private AttentionMath() {
    }

    /** {@code sum_d a[aOff + d] * b[bOff + d]} for d &lt; n. */
    static float dot(float[] a, int aOff, float[] b, int bOff, int n) {
        if (VECTOR) {
            return AttentionVectors.dot(a, aOff, b, bOff, n);
        }
        float s = 0f;
        for (int d = 0; d < n; d++) {
            s += a[aOff + d] * b[bOff + d];
        }
        return s;
    }

    /** {@code acc[accOff + d] += w * v[vOff + d]} for d &lt; n. */
    static void addScaled(float[] acc, int accOff, float[] v, int vOff, int n, float w) {
        if (VECTOR) {
            AttentionVectors.addScaled(acc, accOff, v, vOff, n, w);
            return;
        }
        for (int d = 0; d < n; d++) {
            acc[accOff + d] += w * v[vOff + d];
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
            return AttentionVectors.expMinus(s, n, max);
        }
        float sum = 0f;
        for (int i = 0; i < n; i++) {
            s[i] = (float) Math.exp(s[i] - max);
            sum += s[i];
        }
        return sum;
    }
}
