package dev.catena.llm.compute.kernel;

import dev.catena.llm.tensor.Blocks;
import dev.catena.llm.tensor.GgmlType;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** Integer kernels in plain Java: the portable fallback and the reference for the other backends. */
final class ScalarKernelBackend extends JavaKernelBackend {

    static final ValueLayout.OfShort I16 = ValueLayout.JAVA_SHORT_UNALIGNED;
    static final ValueLayout.OfInt I32 = ValueLayout.JAVA_INT_UNALIGNED;
    static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED;
    static final ValueLayout.OfByte I8 = ValueLayout.JAVA_BYTE;

    @Override
    public String name() {
        return "scalar";
    }

    static float f16(MemorySegment s, long o) {
        return Float.float16ToFloat(s.get(I16, o));
    }

    static int u8(MemorySegment s, long o) {
        return s.get(I8, o) & 0xFF;
    }

    /** Scale of sub-block {@code s} of a Q4_K/Q5_K block whose 12 packed scale bytes start at {@code o}. */
    static int kScale(MemorySegment d, long o, int s) {
        return s < 4 ? u8(d, o + s) & 63 : (u8(d, o + s + 4) & 0x0F) | ((u8(d, o + s - 4) >>> 6) << 4);
    }

    /** Minimum of sub-block {@code s}, as {@link #kScale}. */
    static int kMin(MemorySegment d, long o, int s) {
        return s < 4 ? u8(d, o + s + 4) & 63 : (u8(d, o + s + 4) >>> 4) | ((u8(d, o + s) >>> 6) << 4);
    }

    @Override
    float floats(MemorySegment w, long o, QuantizedVector x, int n, GgmlType type) {
        MemorySegment xs = x.qs();
        float acc = 0f;
        for (int j = 0; j < n; j++) {
            acc += floatAt(w, o, j, type) * xs.get(F32, 4L * j);
        }
        return acc;
    }

    /** Element {@code j} of an F32, F16 or BF16 row starting at byte {@code o}. */
    static float floatAt(MemorySegment w, long o, int j, GgmlType type) {
        return switch (type) {
            case F32 -> w.get(F32, o + 4L * j);
            case F16 -> f16(w, o + 2L * j);
            default -> Float.intBitsToFloat(w.get(I16, o + 2L * j) << 16);
        };
    }

    @Override
    float q8_0(MemorySegment w, long o, QuantizedVector x, int blocks) {
        MemorySegment xq = x.qs();
        float acc = 0f;
        for (int i = 0; i < blocks; i++, o += Blocks.Q8_0.BYTES) {
            int s = 0;
            for (int j = 0; j < 32; j++) {
                s += w.get(I8, o + Blocks.Q8_0.QS + j) * xq.get(I8, i * 32L + j);
            }
            acc += s * (f16(w, o + Blocks.Q8_0.D) * x.scales().get(F32, 4L * i));
        }
        return acc;
    }

    @Override
    float q4_0(MemorySegment w, long o, QuantizedVector x, int blocks) {
        MemorySegment xq = x.qs();
        float acc = 0f;
        for (int i = 0; i < blocks; i++, o += Blocks.Q4_0.BYTES) {
            int s = 0;
            long xo = i * 32L;
            for (int j = 0; j < 16; j++) {
                int b = u8(w, o + Blocks.Q4_0.QS + j);
                s += ((b & 0x0F) - 8) * xq.get(I8, xo + j) + ((b >>> 4) - 8) * xq.get(I8, xo + j + 16);
            }
            acc += s * (f16(w, o + Blocks.Q4_0.D) * x.scales().get(F32, 4L * i));
        }
        return acc;
    }

    @Override
    float q5_0(MemorySegment w, long o, QuantizedVector x, int blocks) {
        MemorySegment xq = x.qs();
        float acc = 0f;
        for (int i = 0; i < blocks; i++, o += Blocks.Q5_0.BYTES) {
            int qh = w.get(I32, o + Blocks.Q5_0.QH);
            int s = 0;
            long xo = i * 32L;
            for (int j = 0; j < 16; j++) {
                int b = u8(w, o + Blocks.Q5_0.QS + j);
                int lo = (b & 0x0F) | (((qh >>> j) & 1) << 4);
                int hi = (b >>> 4) | (((qh >>> (j + 16)) & 1) << 4);
                s += (lo - 16) * xq.get(I8, xo + j) + (hi - 16) * xq.get(I8, xo + j + 16);
            }
            acc += s * (f16(w, o + Blocks.Q5_0.D) * x.scales().get(F32, 4L * i));
        }
        return acc;
    }

    @Override
    float q45_1(MemorySegment w, long o, QuantizedVector x, int blocks, boolean five) {
        MemorySegment xq = x.qs();
        int blockBytes = five ? Blocks.Q5_1.BYTES : Blocks.Q4_1.BYTES;
        long qsAt = five ? Blocks.Q5_1.QS : Blocks.Q4_1.QS;
        float acc = 0f;
        for (int i = 0; i < blocks; i++, o += blockBytes) {
            int qh = five ? w.get(I32, o + Blocks.Q5_1.QH) : 0;
            int s = 0;
            long xo = i * 32L;
            for (int j = 0; j < 16; j++) {
                int b = u8(w, o + qsAt + j);
                int lo = (b & 0x0F) | (((qh >>> j) & 1) << 4);
                int hi = (b >>> 4) | (((qh >>> (j + 16)) & 1) << 4);
                s += lo * xq.get(I8, xo + j) + hi * xq.get(I8, xo + j + 16);
            }
            acc += x.scales().get(F32, 4L * i) * (f16(w, o + Blocks.Q4_1.D) * s + f16(w, o + Blocks.Q4_1.M) * x.sums().get(I16, 2L * i));
        }
        return acc;
    }

    @Override
    float q23_k(MemorySegment w, long o, QuantizedVector x, int blocks, boolean three) {
        MemorySegment xq = x.qs();
        MemorySegment sums = x.sums();
        int blockBytes = three ? Blocks.Q3_K.BYTES : Blocks.Q2_K.BYTES;
        float acc = 0f;
        int[] dots = new int[16];
        for (int i = 0; i < blocks; i++, o += blockBytes) {
            java.util.Arrays.fill(dots, 0);
            long qs = o + (three ? Blocks.Q3_K.QS : Blocks.Q2_K.QS);
            for (int e = 0; e < 256; e++) {
                int h = e >>> 7;
                int j = (e >>> 5) & 3;
                int l = e & 31;
                int v = (u8(w, qs + 32 * h + l) >>> (2 * j)) & 3;
                if (three) {
                    v |= ((u8(w, o + Blocks.Q3_K.HMASK + l) >>> (4 * h + j)) & 1) << 2;
                }
                dots[e >>> 4] += v * xq.get(I8, i * 256L + e);
            }
            int sumq = 0;
            int summ = 0;
            for (int g = 0; g < 16; g++) {
                int bs = sums.get(I16, 2L * (i * 16 + g));
                if (three) {
                    sumq += q3kScale(w, o + Blocks.Q3_K.SCALES, g) * (dots[g] - 4 * bs);
                } else {
                    int sc = u8(w, o + Blocks.Q2_K.SCALES + g);
                    sumq += (sc & 0x0F) * dots[g];
                    summ += (sc >>> 4) * bs;
                }
            }
            acc += q23Block(w, o, three, x.scales().get(F32, 4L * i), sumq, summ);
        }
        return acc;
    }

    @Override
    float q45_k(MemorySegment w, long o, QuantizedVector x, int blocks, boolean five) {
        MemorySegment xq = x.qs();
        MemorySegment sums = x.sums();
        int blockBytes = five ? Blocks.Q5_K.BYTES : Blocks.Q4_K.BYTES;
        float acc = 0f;
        for (int i = 0; i < blocks; i++, o += blockBytes) {
            long qs = o + (five ? Blocks.Q5_K.QS : Blocks.Q4_K.QS);
            int sumq = 0;
            int summ = 0;
            for (int s = 0; s < 8; s++) {
                long q = qs + (s >>> 1) * 32L;
                int shift = (s & 1) << 2;
                long xo = i * 256L + s * 32L;
                int d = 0;
                for (int l = 0; l < 32; l++) {
                    int v = (u8(w, q + l) >>> shift) & 0x0F;
                    if (five) {
                        v |= ((u8(w, o + Blocks.Q5_K.QH + l) >>> s) & 1) << 4;
                    }
                    d += v * xq.get(I8, xo + l);
                }
                sumq += kScale(w, o + K_SCALES, s) * d;
                summ += kMin(w, o + K_SCALES, s) * (sums.get(I16, 2L * (i * 16 + 2 * s)) + sums.get(I16, 2L * (i * 16 + 2 * s + 1)));
            }
            acc += x.scales().get(F32, 4L * i) * (f16(w, o + K_D) * sumq - f16(w, o + K_DMIN) * summ);
        }
        return acc;
    }

    @Override
    float q6_k(MemorySegment w, long o, QuantizedVector x, int blocks) {
        MemorySegment xq = x.qs();
        MemorySegment sums = x.sums();
        float acc = 0f;
        for (int i = 0; i < blocks; i++, o += Blocks.Q6_K.BYTES) {
            int sumq = 0;
            for (int half = 0; half < 2; half++) {
                long ql = o + Blocks.Q6_K.QL + half * 64L;
                long qh = o + Blocks.Q6_K.QH + half * 32L;
                for (int j = 0; j < 4; j++) {
                    int e0 = half * 128 + j * 32;
                    int d0 = 0;
                    int d1 = 0;
                    for (int l = 0; l < 32; l++) {
                        int lo = (u8(w, ql + ((j & 1) << 5) + l) >>> ((j >>> 1) << 2)) & 0x0F;
                        int hi = (u8(w, qh + l) >>> (j << 1)) & 3;
                        int v = (lo | (hi << 4)) * xq.get(I8, i * 256L + e0 + l);
                        if (l < 16) {
                            d0 += v;
                        } else {
                            d1 += v;
                        }
                    }
                    int g = e0 >>> 4;
                    sumq += w.get(I8, o + Blocks.Q6_K.SCALES + g) * (d0 - 32 * sums.get(I16, 2L * (i * 16 + g)))
                            + w.get(I8, o + Blocks.Q6_K.SCALES + g + 1) * (d1 - 32 * sums.get(I16, 2L * (i * 16 + g + 1)));
                }
            }
            acc += x.scales().get(F32, 4L * i) * f16(w, o + Blocks.Q6_K.D) * sumq;
        }
        return acc;
    }

    /** The code-book values of the 32 indices at {@code qs} (value j in the low nibble of byte j, j + 16 in its high one) . x. */
    private static int iq4Dot32(MemorySegment w, long qs, MemorySegment xq, long xo) {
        int s = 0;
        for (int j = 0; j < 16; j++) {
            int b = u8(w, qs + j);
            s += IQ4_BOOK[b & 0x0F] * xq.get(I8, xo + j) + IQ4_BOOK[b >>> 4] * xq.get(I8, xo + j + 16);
        }
        return s;
    }

    @Override
    float iq4_nl(MemorySegment w, long o, QuantizedVector x, int blocks) {
        float acc = 0f;
        for (int i = 0; i < blocks; i++, o += Blocks.IQ4_NL.BYTES) {
            acc += iq4Dot32(w, o + Blocks.IQ4_NL.QS, x.qs(), i * 32L) * (f16(w, o + Blocks.IQ4_NL.D) * x.scales().get(F32, 4L * i));
        }
        return acc;
    }

    @Override
    float iq4_xs(MemorySegment w, long o, QuantizedVector x, int blocks) {
        float acc = 0f;
        for (int i = 0; i < blocks; i++, o += Blocks.IQ4_XS.BYTES) {
            int sumi = 0;
            for (int s = 0; s < 8; s++) {
                sumi += iq4xsScale(w, o, s) * iq4Dot32(w, o + Blocks.IQ4_XS.QS + 16L * s, x.qs(), i * 256L + 32L * s);
            }
            acc += x.scales().get(F32, 4L * i) * f16(w, o + Blocks.IQ4_XS.D) * sumi;
        }
        return acc;
    }
}
