package dev.catena.llm.compute.kernel;

import dev.catena.llm.tensor.Blocks;
import dev.catena.llm.tensor.GgmlType;
import dev.catena.llm.tensor.Lanes;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;

import static dev.catena.llm.compute.kernel.ScalarKernelBackend.F32;
import static dev.catena.llm.compute.kernel.ScalarKernelBackend.I16;
import static dev.catena.llm.compute.kernel.ScalarKernelBackend.I32;
import static dev.catena.llm.compute.kernel.ScalarKernelBackend.I8;
import static dev.catena.llm.compute.kernel.ScalarKernelBackend.f16;
import static dev.catena.llm.compute.kernel.ScalarKernelBackend.kMin;
import static dev.catena.llm.compute.kernel.ScalarKernelBackend.kScale;
import static dev.catena.llm.compute.kernel.ScalarKernelBackend.u8;

/**
 * Integer kernels on the JDK Vector API (module {@code jdk.incubator.vector}): 16 bytes at a time are
 * widened to 16-bit products and summed into 32-bit lanes. Only loaded when that module is present.
 */
final class VectorKernelBackend extends JavaKernelBackend {

    private static final VectorSpecies<Byte> B = ByteVector.SPECIES_128;
    private static final VectorSpecies<Short> S = ShortVector.SPECIES_256;
    private static final VectorSpecies<Integer> I = IntVector.SPECIES_256;
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_256;
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    private static final VectorShuffle<Byte> BITS_LO = VectorShuffle.fromValues(B, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1);
    private static final VectorShuffle<Byte> BITS_HI = VectorShuffle.fromValues(B, 2, 2, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 3, 3);
    private static final ByteVector BIT = ByteVector.fromArray(B,
            new byte[] {1, 2, 4, 8, 16, 32, 64, (byte) 128, 1, 2, 4, 8, 16, 32, 64, (byte) 128}, 0);

    @Override
    public String name() {
        return "vector";
    }

    @Override
    public String description() {
        return "vector (JDK Vector API, " + F.vectorBitSize() + "-bit)";
    }

    private static ByteVector load(MemorySegment s, long o) {
        return ByteVector.fromMemorySegment(B, s, o, LE);
    }

    /** The 16 products of 16 signed bytes each, as shorts. */
    private static ShortVector mul(ByteVector a, ByteVector b) {
        ShortVector sa = (ShortVector) a.convertShape(VectorOperators.B2S, S, 0);
        ShortVector sb = (ShortVector) b.convertShape(VectorOperators.B2S, S, 0);
        return sa.mul(sb);
    }

    /** 16 shorts summed pairwise into 8 ints. */
    private static IntVector widen(ShortVector s) {
        IntVector lo = (IntVector) s.convertShape(VectorOperators.S2I, I, 0);
        IntVector hi = (IntVector) s.convertShape(VectorOperators.S2I, I, 1);
        return lo.add(hi);
    }

    private static FloatVector blockSum(FloatVector acc, ShortVector products, float scale) {
        FloatVector s = (FloatVector) widen(products).convert(VectorOperators.I2F, 0);
        return s.fma(FloatVector.broadcast(F, scale), acc);
    }

    /**
     * F32 rows in 256-bit FMAs; BF16 widened by shifting the 16-bit lanes into the high half of int lanes;
     * F16 through the JDK's scalar {@link Float#float16ToFloat} (an intrinsic), as the Vector API has no half lanes.
     */
    @Override
    float floats(MemorySegment w, long o, QuantizedVector x, int n, GgmlType type) {
        MemorySegment xs = x.qs();
        int lanes = F.length();
        FloatVector acc = FloatVector.zero(F);
        int j = 0;
        if (type == GgmlType.F32) {
            for (; j + lanes <= n; j += lanes) {
                acc = FloatVector.fromMemorySegment(F, w, o + 4L * j, LE).fma(FloatVector.fromMemorySegment(F, xs, 4L * j, LE), acc);
            }
        } else if (type == GgmlType.BF16) {
            for (; j + lanes <= n; j += lanes) {
                ShortVector h = ShortVector.fromMemorySegment(ShortVector.SPECIES_128, w, o + 2L * j, LE);
                FloatVector v = ((IntVector) h.convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats();
                acc = v.fma(FloatVector.fromMemorySegment(F, xs, 4L * j, LE), acc);
            }
        }
        float sum = Lanes.sum(acc);
        for (; j < n; j++) {
            sum += ScalarKernelBackend.floatAt(w, o, j, type) * xs.get(F32, 4L * j);
        }
        return sum;
    }

    @Override
    float q8_0(MemorySegment w, long o, QuantizedVector x, int blocks) {
        MemorySegment xq = x.qs();
        FloatVector acc = FloatVector.zero(F);
        for (int i = 0; i < blocks; i++, o += Blocks.Q8_0.BYTES) {
            long xo = i * 32L;
            ShortVector p = mul(load(w, o + Blocks.Q8_0.QS), load(xq, xo)).add(mul(load(w, o + Blocks.Q8_0.QS + 16), load(xq, xo + 16)));
            acc = blockSum(acc, p, f16(w, o + Blocks.Q8_0.D) * x.scales().get(F32, 4L * i));
        }
        return Lanes.sum(acc);
    }

    @Override
    float q4_0(MemorySegment w, long o, QuantizedVector x, int blocks) {
        MemorySegment xq = x.qs();
        FloatVector acc = FloatVector.zero(F);
        for (int i = 0; i < blocks; i++, o += Blocks.Q4_0.BYTES) {
            long xo = i * 32L;
            ByteVector q = load(w, o + Blocks.Q4_0.QS);
            ByteVector lo = q.and((byte) 0x0F).sub((byte) 8);
            ByteVector hi = q.lanewise(VectorOperators.LSHR, 4).and((byte) 0x0F).sub((byte) 8);
            ShortVector p = mul(lo, load(xq, xo)).add(mul(hi, load(xq, xo + 16)));
            acc = blockSum(acc, p, f16(w, o + Blocks.Q4_0.D) * x.scales().get(F32, 4L * i));
        }
        return Lanes.sum(acc);
    }

    @Override
    float q5_0(MemorySegment w, long o, QuantizedVector x, int blocks) {
        MemorySegment xq = x.qs();
        FloatVector acc = FloatVector.zero(F);
        for (int i = 0; i < blocks; i++, o += Blocks.Q5_0.BYTES) {
            long xo = i * 32L;
            ByteVector bits = IntVector.broadcast(IntVector.SPECIES_128, w.get(I32, o + Blocks.Q5_0.QH)).reinterpretAsBytes();
            VectorMask<Byte> mlo = bits.rearrange(BITS_LO).and(BIT).compare(VectorOperators.NE, (byte) 0);
            VectorMask<Byte> mhi = bits.rearrange(BITS_HI).and(BIT).compare(VectorOperators.NE, (byte) 0);
            ByteVector q = load(w, o + Blocks.Q5_0.QS);
            ByteVector lo = q.and((byte) 0x0F).lanewise(VectorOperators.OR, (byte) 0x10, mlo).sub((byte) 16);
            ByteVector hi = q.lanewise(VectorOperators.LSHR, 4).and((byte) 0x0F)
                    .lanewise(VectorOperators.OR, (byte) 0x10, mhi).sub((byte) 16);
            ShortVector p = mul(lo, load(xq, xo)).add(mul(hi, load(xq, xo + 16)));
            acc = blockSum(acc, p, f16(w, o + Blocks.Q5_0.D) * x.scales().get(F32, 4L * i));
        }
        return Lanes.sum(acc);
    }

    /** The 16 bytes of quants at {@code qs}: low nibbles as one vector, high nibbles as the other, fifth bits from {@code qh} added. */
    private static ShortVector nibbleProducts(MemorySegment w, long qs, int qh, boolean five, MemorySegment xq, long xo) {
        ByteVector q = load(w, qs);
        ByteVector lo = q.and((byte) 0x0F);
        ByteVector hi = q.lanewise(VectorOperators.LSHR, 4).and((byte) 0x0F);
        if (five) {
            ByteVector bits = IntVector.broadcast(IntVector.SPECIES_128, qh).reinterpretAsBytes();
            lo = lo.lanewise(VectorOperators.OR, (byte) 0x10, bits.rearrange(BITS_LO).and(BIT).compare(VectorOperators.NE, (byte) 0));
            hi = hi.lanewise(VectorOperators.OR, (byte) 0x10, bits.rearrange(BITS_HI).and(BIT).compare(VectorOperators.NE, (byte) 0));
        }
        return mul(lo, load(xq, xo)).add(mul(hi, load(xq, xo + 16)));
    }

    @Override
    float q45_1(MemorySegment w, long o, QuantizedVector x, int blocks, boolean five) {
        MemorySegment xq = x.qs();
        int blockBytes = five ? Blocks.Q5_1.BYTES : Blocks.Q4_1.BYTES;
        long qsAt = five ? Blocks.Q5_1.QS : Blocks.Q4_1.QS;
        FloatVector acc = FloatVector.zero(F);
        float mins = 0f;
        for (int i = 0; i < blocks; i++, o += blockBytes) {
            float xd = x.scales().get(F32, 4L * i);
            ShortVector p = nibbleProducts(w, o + qsAt, five ? w.get(I32, o + Blocks.Q5_1.QH) : 0, five, xq, i * 32L);
            acc = blockSum(acc, p, f16(w, o + Blocks.Q4_1.D) * xd);
            mins += f16(w, o + Blocks.Q4_1.M) * xd * x.sums().get(I16, 2L * i);
        }
        return Lanes.sum(acc) + mins;
    }

    @Override
    float q23_k(MemorySegment w, long o, QuantizedVector x, int blocks, boolean three) {
        MemorySegment xq = x.qs();
        MemorySegment sums = x.sums();
        int blockBytes = three ? Blocks.Q3_K.BYTES : Blocks.Q2_K.BYTES;
        float acc = 0f;
        for (int i = 0; i < blocks; i++, o += blockBytes) {
            long qs = o + (three ? Blocks.Q3_K.QS : Blocks.Q2_K.QS);
            IntVector isum = IntVector.zero(I);
            int correction = 0;
            for (int g = 0; g < 16; g++) {
                int bs = sums.get(I16, 2L * (i * 16 + g));
                correction += three ? 4 * q3kScale(w, o + Blocks.Q3_K.SCALES, g) * bs
                        : (u8(w, o + Blocks.Q2_K.SCALES + g) >>> 4) * bs;
            }
            for (int e0 = 0; e0 < 256; e0 += 16) {
                int h = e0 >>> 7;
                int j = (e0 >>> 5) & 3;
                int l0 = e0 & 31;
                ByteVector u = load(w, qs + 32 * h + l0).lanewise(VectorOperators.LSHR, 2 * j).and((byte) 3);
                if (three) {
                    ByteVector hb = load(w, o + Blocks.Q3_K.HMASK + l0).lanewise(VectorOperators.LSHR, 4 * h + j).and((byte) 1);
                    u = u.or(hb.lanewise(VectorOperators.LSHL, 2));
                }
                int g = e0 >>> 4;
                int sc = three ? q3kScale(w, o + Blocks.Q3_K.SCALES, g) : u8(w, o + Blocks.Q2_K.SCALES + g) & 0x0F;
                isum = isum.add(widen(mul(u, load(xq, i * 256L + e0))).mul(sc));
            }
            int sumq = isum.reduceLanes(VectorOperators.ADD);
            acc += q23Block(w, o, three, x.scales().get(F32, 4L * i), three ? sumq - correction : sumq, three ? 0 : correction);
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
            IntVector isum = IntVector.zero(I);
            int summ = 0;
            ByteVector h0 = five ? load(w, o + Blocks.Q5_K.QH) : null;
            ByteVector h1 = five ? load(w, o + Blocks.Q5_K.QH + 16) : null;
            for (int s = 0; s < 8; s++) {
                long q = qs + (s >>> 1) * 32L;
                int shift = (s & 1) << 2;
                ByteVector n0 = load(w, q).lanewise(VectorOperators.LSHR, shift).and((byte) 0x0F);
                ByteVector n1 = load(w, q + 16).lanewise(VectorOperators.LSHR, shift).and((byte) 0x0F);
                if (five) {
                    n0 = n0.or(h0.lanewise(VectorOperators.LSHR, s).and((byte) 1).lanewise(VectorOperators.LSHL, 4));
                    n1 = n1.or(h1.lanewise(VectorOperators.LSHR, s).and((byte) 1).lanewise(VectorOperators.LSHL, 4));
                }
                long xo = i * 256L + s * 32L;
                ShortVector p = mul(n0, load(xq, xo)).add(mul(n1, load(xq, xo + 16)));
                isum = isum.add(widen(p).mul(kScale(w, o + K_SCALES, s)));
                summ += kMin(w, o + K_SCALES, s) * (sums.get(I16, 2L * (i * 16 + 2 * s)) + sums.get(I16, 2L * (i * 16 + 2 * s + 1)));
            }
            int sumq = isum.reduceLanes(VectorOperators.ADD);
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
            IntVector isum = IntVector.zero(I);
            int offset = 0;
            for (int g = 0; g < 16; g++) {
                offset += w.get(I8, o + Blocks.Q6_K.SCALES + g) * sums.get(I16, 2L * (i * 16 + g));
            }
            for (int half = 0; half < 2; half++) {
                long ql = o + Blocks.Q6_K.QL + half * 64L;
                long qh = o + Blocks.Q6_K.QH + half * 32L;
                for (int j = 0; j < 4; j++) {
                    int e0 = half * 128 + j * 32;
                    long lq = ql + ((j & 1) << 5);
                    int lshift = (j >>> 1) << 2;
                    int hshift = j << 1;
                    for (int k = 0; k < 2; k++) {
                        ByteVector lo = load(w, lq + 16 * k).lanewise(VectorOperators.LSHR, lshift).and((byte) 0x0F);
                        ByteVector hi = load(w, qh + 16 * k).lanewise(VectorOperators.LSHR, hshift).and((byte) 3);
                        ByteVector u = lo.or(hi.lanewise(VectorOperators.LSHL, 4));
                        ShortVector p = mul(u, load(xq, i * 256L + e0 + 16 * k));
                        isum = isum.add(widen(p).mul(w.get(I8, o + Blocks.Q6_K.SCALES + (e0 >>> 4) + k)));
                    }
                }
            }
            int sumq = isum.reduceLanes(VectorOperators.ADD) - 32 * offset;
            acc += x.scales().get(F32, 4L * i) * f16(w, o + Blocks.Q6_K.D) * sumq;
        }
        return acc;
    }

    /** The IQ4 code book in the lanes of one vector: {@code BOOK.rearrange} by the indices looks the values up. */
    private static final ByteVector BOOK = ByteVector.fromArray(B, IQ4_BOOK, 0);

    /** The 16 products of 32 code-book values (indices in the nibbles of the 16 bytes at {@code qs}) and the activations at {@code xo}, as shorts. */
    private static ShortVector iq4Products(MemorySegment w, long qs, MemorySegment xq, long xo) {
        ByteVector q = load(w, qs);
        ByteVector lo = q.and((byte) 0x0F).selectFrom(BOOK);
        ByteVector hi = q.lanewise(VectorOperators.LSHR, 4).and((byte) 0x0F).selectFrom(BOOK);
        return mul(lo, load(xq, xo)).add(mul(hi, load(xq, xo + 16)));
    }

    @Override
    float iq4_nl(MemorySegment w, long o, QuantizedVector x, int blocks) {
        FloatVector acc = FloatVector.zero(F);
        for (int i = 0; i < blocks; i++, o += Blocks.IQ4_NL.BYTES) {
            ShortVector p = iq4Products(w, o + Blocks.IQ4_NL.QS, x.qs(), i * 32L);
            acc = blockSum(acc, p, f16(w, o + Blocks.IQ4_NL.D) * x.scales().get(F32, 4L * i));
        }
        return Lanes.sum(acc);
    }

    @Override
    float iq4_xs(MemorySegment w, long o, QuantizedVector x, int blocks) {
        float acc = 0f;
        for (int i = 0; i < blocks; i++, o += Blocks.IQ4_XS.BYTES) {
            IntVector isum = IntVector.zero(I);
            for (int s = 0; s < 8; s++) {
                ShortVector p = iq4Products(w, o + Blocks.IQ4_XS.QS + 16L * s, x.qs(), i * 256L + 32L * s);
                isum = isum.add(widen(p).mul(iq4xsScale(w, o, s)));
            }
            acc += x.scales().get(F32, 4L * i) * f16(w, o + Blocks.IQ4_XS.D) * isum.reduceLanes(VectorOperators.ADD);
        }
        return acc;
    }
}
