package dev.catena.llm.model;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** {@link AttentionMath} on the Vector API; loaded only when the JVM has {@code jdk.incubator.vector}. */
final class AttentionVectors {

    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;

    private AttentionVectors() {
    }

    static float dot(float[] a, int aOff, float[] b, int bOff, int n) {
        FloatVector acc = FloatVector.zero(F);
        int d = 0;
        for (int end = F.loopBound(n); d < end; d += F.length()) {
            acc = FloatVector.fromArray(F, a, aOff + d).fma(FloatVector.fromArray(F, b, bOff + d), acc);
        }
        float s = acc.reduceLanes(VectorOperators.ADD);
        for (; d < n; d++) {
            s += a[aOff + d] * b[bOff + d];
        }
        return s;
    }

    static void addScaled(float[] acc, int accOff, float[] v, int vOff, int n, float w) {
        FloatVector wv = FloatVector.broadcast(F, w);
        int d = 0;
        for (int end = F.loopBound(n); d < end; d += F.length()) {
            FloatVector.fromArray(F, v, vOff + d).fma(wv, FloatVector.fromArray(F, acc, accOff + d))
                    .intoArray(acc, accOff + d);
        }
        for (; d < n; d++) {
            acc[accOff + d] += w * v[vOff + d];
        }
    }

    static float expMinus(float[] s, int n, float max) {
        FloatVector sum = FloatVector.zero(F);
        int i = 0;
        for (int end = F.loopBound(n); i < end; i += F.length()) {
            FloatVector e = FloatVector.fromArray(F, s, i).sub(max).lanewise(VectorOperators.EXP);
            e.intoArray(s, i);
            sum = sum.add(e);
        }
        float total = sum.reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            s[i] = (float) Math.exp(s[i] - max);
            total += s[i];
        }
        return total;
    }
}
