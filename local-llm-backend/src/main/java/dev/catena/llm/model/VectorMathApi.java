package dev.catena.llm.model;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** {@link VectorMath} on the Vector API; loaded only when the JVM has {@code jdk.incubator.vector}. */
final class VectorMathApi {

    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;

    private VectorMathApi() {
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

    /**
     * Four rows at a time, each with its own accumulator (four independent chains of multiply-adds, one
     * load of {@code q} for four rows); returns how many rows it did (a multiple of four).
     */
    static int dots(float[] q, int qOff, float[] rows, int rowsOff, int count, int n, float[] out) {
        if (n % F.length() != 0) {
            return 0;
        }
        int j = 0;
        for (; j + 4 <= count; j += 4) {
            int r = rowsOff + j * n;
            FloatVector s0 = FloatVector.zero(F);
            FloatVector s1 = FloatVector.zero(F);
            FloatVector s2 = FloatVector.zero(F);
            FloatVector s3 = FloatVector.zero(F);
            for (int d = 0; d < n; d += F.length()) {
                FloatVector qv = FloatVector.fromArray(F, q, qOff + d);
                s0 = FloatVector.fromArray(F, rows, r + d).fma(qv, s0);
                s1 = FloatVector.fromArray(F, rows, r + n + d).fma(qv, s1);
                s2 = FloatVector.fromArray(F, rows, r + 2 * n + d).fma(qv, s2);
                s3 = FloatVector.fromArray(F, rows, r + 3 * n + d).fma(qv, s3);
            }
            out[j] = s0.reduceLanes(VectorOperators.ADD);
            out[j + 1] = s1.reduceLanes(VectorOperators.ADD);
            out[j + 2] = s2.reduceLanes(VectorOperators.ADD);
            out[j + 3] = s3.reduceLanes(VectorOperators.ADD);
        }
        return j;
    }

    /** Four vectors of the output stay in registers while the rows stream past. */
    static void addWeightedRows(float[] acc, int accOff, float[] rows, int rowsOff, float[] w, int count, int n) {
        int step = 4 * F.length();
        int d = 0;
        for (; d + step <= n; d += step) {
            int l = F.length();
            FloatVector a0 = FloatVector.fromArray(F, acc, accOff + d);
            FloatVector a1 = FloatVector.fromArray(F, acc, accOff + d + l);
            FloatVector a2 = FloatVector.fromArray(F, acc, accOff + d + 2 * l);
            FloatVector a3 = FloatVector.fromArray(F, acc, accOff + d + 3 * l);
            for (int j = 0; j < count; j++) {
                FloatVector p = FloatVector.broadcast(F, w[j]);
                int r = rowsOff + j * n + d;
                a0 = FloatVector.fromArray(F, rows, r).fma(p, a0);
                a1 = FloatVector.fromArray(F, rows, r + l).fma(p, a1);
                a2 = FloatVector.fromArray(F, rows, r + 2 * l).fma(p, a2);
                a3 = FloatVector.fromArray(F, rows, r + 3 * l).fma(p, a3);
            }
            a0.intoArray(acc, accOff + d);
            a1.intoArray(acc, accOff + d + l);
            a2.intoArray(acc, accOff + d + 2 * l);
            a3.intoArray(acc, accOff + d + 3 * l);
        }
        for (; d < n; d++) {
            float a = acc[accOff + d];
            for (int j = 0; j < count; j++) {
                a += w[j] * rows[rowsOff + j * n + d];
            }
            acc[accOff + d] = a;
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

    /** The whole vectors of {@link VectorMath#geluTimes}; returns where the scalar tail starts. */
    static int geluTimes(float[] gate, float[] up) {
        int i = 0;
        for (int end = F.loopBound(gate.length); i < end; i += F.length()) {
            FloatVector g = FloatVector.fromArray(F, gate, i);
            FloatVector inner = g.mul(g).fma(0.044715f, 1f).mul(g).mul(0.7978845608028654f);
            FloatVector gelu = inner.lanewise(VectorOperators.TANH).add(1f).mul(g).mul(0.5f);
            gelu.mul(FloatVector.fromArray(F, up, i)).intoArray(gate, i);
        }
        return i;
    }
}
