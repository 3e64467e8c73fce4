package dev.catena.llm.compute;

import dev.catena.llm.tensor.Lanes;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** {@link VectorMath} on the Vector API; loaded only when the JVM has {@code jdk.incubator.vector}. */
final class VectorMathApi {

    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;

    private VectorMathApi() {
    }

    private static final float LOG2E = 1.44269504f;
    private static final float LN2_HI = 0.693359375f;
    private static final float LN2_LO = -2.12194440e-4f;
    /** 1.5 * 2^23: adding it rounds a float to an integer, held in the low bits of the sum's encoding. */
    private static final float ROUNDER = 12582912f;

    /**
     * e^x lane by lane from additions, multiplications and fused multiply-adds only, so that every JIT tier
     * gives the same bits (the Vector API's {@code EXP} and {@code TANH} do not: the interpreted fallback and
     * the compiled intrinsic differ in the last bit, which made a prompt's logits depend on how warm the JIT
     * was). Cody-Waite reduction to 2^n * e^r, |r| &lt;= ln2/2, and a degree-7 polynomial (Cephes' expf): within 2 ulp of
     * {@code Math.exp} on [-87, 88]; arguments are clamped to that range.
     */
    static FloatVector exp(FloatVector x) {
        x = x.max(-87f).min(88f);
        FloatVector t = x.fma(LOG2E, ROUNDER);
        FloatVector n = t.sub(ROUNDER);
        FloatVector r = n.fma(FloatVector.broadcast(F, -LN2_HI), x);
        r = n.fma(FloatVector.broadcast(F, -LN2_LO), r);
        FloatVector p = r.fma(1.9875691500e-4f, 1.3981999507e-3f);
        for (float c : EXP_TERMS) {
            p = p.fma(r, FloatVector.broadcast(F, c));
        }
        IntVector pow2 = t.reinterpretAsInts().sub(Float.floatToRawIntBits(ROUNDER) - 127).lanewise(VectorOperators.LSHL, 23);
        return p.mul(pow2.reinterpretAsFloats());
    }

    /** The lower terms of the polynomial, highest first. */
    private static final float[] EXP_TERMS = {8.3334519073e-3f, 4.1665795894e-2f, 1.6666665459e-1f, 5.0000001201e-1f, 1f, 1f};

    /**
     * Four heads at a time: sixteen accumulators (4 heads x 4 vectors of keys) take 16 multiply-adds per
     * 4 key loads and 4 broadcasts; other heads one at a time (4 accumulators).
     */
    static void scores(float[] q, int qOff, int rows, float[] kt, int stride, int n, int keys, float[] scores) {
        int l = F.length();
        for (int c = 0; c < keys; c += 4 * l) {
            int r = 0;
            for (; r + 4 <= rows; r += 4) {
                FloatVector s00 = FloatVector.zero(F), s01 = s00, s02 = s00, s03 = s00;
                FloatVector s10 = s00, s11 = s00, s12 = s00, s13 = s00;
                FloatVector s20 = s00, s21 = s00, s22 = s00, s23 = s00;
                FloatVector s30 = s00, s31 = s00, s32 = s00, s33 = s00;
                int q0 = qOff + r * n;
                for (int d = 0; d < n; d++) {
                    int o = d * stride + c;
                    FloatVector k0 = FloatVector.fromArray(F, kt, o);
                    FloatVector k1 = FloatVector.fromArray(F, kt, o + l);
                    FloatVector k2 = FloatVector.fromArray(F, kt, o + 2 * l);
                    FloatVector k3 = FloatVector.fromArray(F, kt, o + 3 * l);
                    FloatVector a = FloatVector.broadcast(F, q[q0 + d]);
                    s00 = k0.fma(a, s00); s01 = k1.fma(a, s01); s02 = k2.fma(a, s02); s03 = k3.fma(a, s03);
                    a = FloatVector.broadcast(F, q[q0 + n + d]);
                    s10 = k0.fma(a, s10); s11 = k1.fma(a, s11); s12 = k2.fma(a, s12); s13 = k3.fma(a, s13);
                    a = FloatVector.broadcast(F, q[q0 + 2 * n + d]);
                    s20 = k0.fma(a, s20); s21 = k1.fma(a, s21); s22 = k2.fma(a, s22); s23 = k3.fma(a, s23);
                    a = FloatVector.broadcast(F, q[q0 + 3 * n + d]);
                    s30 = k0.fma(a, s30); s31 = k1.fma(a, s31); s32 = k2.fma(a, s32); s33 = k3.fma(a, s33);
                }
                int o = r * stride + c;
                s00.intoArray(scores, o); s01.intoArray(scores, o + l); s02.intoArray(scores, o + 2 * l); s03.intoArray(scores, o + 3 * l);
                o += stride;
                s10.intoArray(scores, o); s11.intoArray(scores, o + l); s12.intoArray(scores, o + 2 * l); s13.intoArray(scores, o + 3 * l);
                o += stride;
                s20.intoArray(scores, o); s21.intoArray(scores, o + l); s22.intoArray(scores, o + 2 * l); s23.intoArray(scores, o + 3 * l);
                o += stride;
                s30.intoArray(scores, o); s31.intoArray(scores, o + l); s32.intoArray(scores, o + 2 * l); s33.intoArray(scores, o + 3 * l);
            }
            for (; r < rows; r++) {
                FloatVector s0 = FloatVector.zero(F), s1 = s0, s2 = s0, s3 = s0;
                for (int d = 0; d < n; d++) {
                    int o = d * stride + c;
                    FloatVector a = FloatVector.broadcast(F, q[qOff + r * n + d]);
                    s0 = FloatVector.fromArray(F, kt, o).fma(a, s0);
                    s1 = FloatVector.fromArray(F, kt, o + l).fma(a, s1);
                    s2 = FloatVector.fromArray(F, kt, o + 2 * l).fma(a, s2);
                    s3 = FloatVector.fromArray(F, kt, o + 3 * l).fma(a, s3);
                }
                int o = r * stride + c;
                s0.intoArray(scores, o); s1.intoArray(scores, o + l); s2.intoArray(scores, o + 2 * l); s3.intoArray(scores, o + 3 * l);
            }
        }
    }

    /**
     * Four heads at a time over 4 vectors of the output (sixteen accumulators in registers while the value
     * rows stream past: 16 multiply-adds per 4 loads and 4 broadcasts); other heads one at a time.
     */
    static void addWeightedRows(float[] acc, int accOff, int rows, float[] v, int vOff, float[] w, int wOff, int wStride,
                                int count, int n) {
        int l = F.length();
        int r = 0;
        for (; r + 4 <= rows && n % (4 * l) == 0; r += 4) {
            int o0 = accOff + r * n;
            int w0 = wOff + r * wStride;
            for (int d = 0; d < n; d += 4 * l) {
                FloatVector a00 = FloatVector.fromArray(F, acc, o0 + d), a01 = FloatVector.fromArray(F, acc, o0 + d + l);
                FloatVector a02 = FloatVector.fromArray(F, acc, o0 + d + 2 * l), a03 = FloatVector.fromArray(F, acc, o0 + d + 3 * l);
                FloatVector a10 = FloatVector.fromArray(F, acc, o0 + n + d), a11 = FloatVector.fromArray(F, acc, o0 + n + d + l);
                FloatVector a12 = FloatVector.fromArray(F, acc, o0 + n + d + 2 * l), a13 = FloatVector.fromArray(F, acc, o0 + n + d + 3 * l);
                FloatVector a20 = FloatVector.fromArray(F, acc, o0 + 2 * n + d), a21 = FloatVector.fromArray(F, acc, o0 + 2 * n + d + l);
                FloatVector a22 = FloatVector.fromArray(F, acc, o0 + 2 * n + d + 2 * l), a23 = FloatVector.fromArray(F, acc, o0 + 2 * n + d + 3 * l);
                FloatVector a30 = FloatVector.fromArray(F, acc, o0 + 3 * n + d), a31 = FloatVector.fromArray(F, acc, o0 + 3 * n + d + l);
                FloatVector a32 = FloatVector.fromArray(F, acc, o0 + 3 * n + d + 2 * l), a33 = FloatVector.fromArray(F, acc, o0 + 3 * n + d + 3 * l);
                for (int j = 0; j < count; j++) {
                    int o = vOff + j * n + d;
                    FloatVector v0 = FloatVector.fromArray(F, v, o);
                    FloatVector v1 = FloatVector.fromArray(F, v, o + l);
                    FloatVector v2 = FloatVector.fromArray(F, v, o + 2 * l);
                    FloatVector v3 = FloatVector.fromArray(F, v, o + 3 * l);
                    FloatVector p = FloatVector.broadcast(F, w[w0 + j]);
                    a00 = v0.fma(p, a00); a01 = v1.fma(p, a01); a02 = v2.fma(p, a02); a03 = v3.fma(p, a03);
                    p = FloatVector.broadcast(F, w[w0 + wStride + j]);
                    a10 = v0.fma(p, a10); a11 = v1.fma(p, a11); a12 = v2.fma(p, a12); a13 = v3.fma(p, a13);
                    p = FloatVector.broadcast(F, w[w0 + 2 * wStride + j]);
                    a20 = v0.fma(p, a20); a21 = v1.fma(p, a21); a22 = v2.fma(p, a22); a23 = v3.fma(p, a23);
                    p = FloatVector.broadcast(F, w[w0 + 3 * wStride + j]);
                    a30 = v0.fma(p, a30); a31 = v1.fma(p, a31); a32 = v2.fma(p, a32); a33 = v3.fma(p, a33);
                }
                a00.intoArray(acc, o0 + d); a01.intoArray(acc, o0 + d + l);
                a02.intoArray(acc, o0 + d + 2 * l); a03.intoArray(acc, o0 + d + 3 * l);
                a10.intoArray(acc, o0 + n + d); a11.intoArray(acc, o0 + n + d + l);
                a12.intoArray(acc, o0 + n + d + 2 * l); a13.intoArray(acc, o0 + n + d + 3 * l);
                a20.intoArray(acc, o0 + 2 * n + d); a21.intoArray(acc, o0 + 2 * n + d + l);
                a22.intoArray(acc, o0 + 2 * n + d + 2 * l); a23.intoArray(acc, o0 + 2 * n + d + 3 * l);
                a30.intoArray(acc, o0 + 3 * n + d); a31.intoArray(acc, o0 + 3 * n + d + l);
                a32.intoArray(acc, o0 + 3 * n + d + 2 * l); a33.intoArray(acc, o0 + 3 * n + d + 3 * l);
            }
        }
        for (; r < rows; r++) {
            addWeightedRows(acc, accOff + r * n, v, vOff, w, wOff + r * wStride, count, n);
        }
    }

    /** One head: four vectors of the output stay in registers while the value rows stream past. */
    private static void addWeightedRows(float[] acc, int accOff, float[] v, int vOff, float[] w, int wOff, int count, int n) {
        int l = F.length();
        int d = 0;
        for (; d + 4 * l <= n; d += 4 * l) {
            FloatVector a0 = FloatVector.fromArray(F, acc, accOff + d);
            FloatVector a1 = FloatVector.fromArray(F, acc, accOff + d + l);
            FloatVector a2 = FloatVector.fromArray(F, acc, accOff + d + 2 * l);
            FloatVector a3 = FloatVector.fromArray(F, acc, accOff + d + 3 * l);
            for (int j = 0; j < count; j++) {
                FloatVector p = FloatVector.broadcast(F, w[wOff + j]);
                int o = vOff + j * n + d;
                a0 = FloatVector.fromArray(F, v, o).fma(p, a0);
                a1 = FloatVector.fromArray(F, v, o + l).fma(p, a1);
                a2 = FloatVector.fromArray(F, v, o + 2 * l).fma(p, a2);
                a3 = FloatVector.fromArray(F, v, o + 3 * l).fma(p, a3);
            }
            a0.intoArray(acc, accOff + d);
            a1.intoArray(acc, accOff + d + l);
            a2.intoArray(acc, accOff + d + 2 * l);
            a3.intoArray(acc, accOff + d + 3 * l);
        }
        for (; d < n; d++) {
            float a = acc[accOff + d];
            for (int j = 0; j < count; j++) {
                a += w[wOff + j] * v[vOff + j * n + d];
            }
            acc[accOff + d] = a;
        }
    }

    static float expMinus(float[] s, int off, int n, float max) {
        FloatVector sum = FloatVector.zero(F);
        int i = off;
        for (int end = off + F.loopBound(n); i < end; i += F.length()) {
            FloatVector e = exp(FloatVector.fromArray(F, s, i).sub(max));
            e.intoArray(s, i);
            sum = sum.add(e);
        }
        float total = Lanes.sum(sum);
        for (; i < off + n; i++) {
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
            FloatVector two = FloatVector.broadcast(F, 2f);
            FloatVector onePlusTanh = two.sub(two.div(exp(inner.add(inner)).add(1f))); // 1 + tanh(u) = 2 - 2 / (e^2u + 1)
            FloatVector gelu = onePlusTanh.mul(g).mul(0.5f);
            gelu.mul(FloatVector.fromArray(F, up, i)).intoArray(gate, i);
        }
        return i;
    }

    /** The whole vectors of {@link VectorMath#siluTimes}; returns where the scalar tail starts. */
    static int siluTimes(float[] gate, float[] up) {
        int i = 0;
        for (int end = F.loopBound(gate.length); i < end; i += F.length()) {
            FloatVector g = FloatVector.fromArray(F, gate, i);
            FloatVector silu = g.div(exp(g.neg()).add(1f));
            silu.mul(FloatVector.fromArray(F, up, i)).intoArray(gate, i);
        }
        return i;
    }
}
