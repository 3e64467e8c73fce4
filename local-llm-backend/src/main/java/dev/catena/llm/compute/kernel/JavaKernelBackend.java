package dev.catena.llm.compute.kernel;

import dev.catena.llm.tensor.Blocks;
import dev.catena.llm.tensor.GgmlType;
import dev.catena.llm.tensor.IQ4Values;
import dev.catena.llm.tensor.Tensor;

import java.lang.foreign.MemorySegment;

/**
 * The row loop shared by the kernels written in Java: a subclass supplies one dot product per weight
 * type (a row of {@code blocks} blocks starting at byte {@code o} of the weights, against the quantized
 * activations {@code x}); this class walks the rows and picks the kernel.
 */
abstract class JavaKernelBackend implements KernelBackend {

    /** The header of a Q4_K or a Q5_K block (F16 d and dmin, 12 bytes of packed scales), the same in both. */
    static final int K_D = Blocks.Q4_K.D;
    static final int K_DMIN = Blocks.Q4_K.DMIN;
    static final int K_SCALES = Blocks.Q4_K.SCALES;

    static {
        if (Blocks.Q5_K.D != K_D || Blocks.Q5_K.DMIN != K_DMIN || Blocks.Q5_K.SCALES != K_SCALES) {
            throw new ExceptionInInitializerError("the Q4_K and Q5_K block headers differ: q45_k reads both as one");
        }
        if (Blocks.Q5_1.D != Blocks.Q4_1.D || Blocks.Q5_1.M != Blocks.Q4_1.M) {
            throw new ExceptionInInitializerError("the Q4_1 and Q5_1 block headers differ: q45_1 reads both as one");
        }
    }

    @Override
    public final boolean supports(GgmlType type) {
        return ActivationFormat.forWeights(type) != null;
    }

    @Override
    public final void matVec(Tensor w, QuantizedVector x, float[] out, int rowStart, int rowEnd) {
        MemorySegment data = w.blockData();
        int blocks = w.columns() / w.type().blockSize();
        long rowBytes = (long) blocks * w.type().bytesPerBlock();
        for (int r = rowStart; r < rowEnd; r++) {
            long o = r * rowBytes;
            out[r] = switch (w.type()) {
                case F32, F16, BF16 -> floats(data, o, x, blocks, w.type());
                case Q8_0 -> q8_0(data, o, x, blocks);
                case Q4_0 -> q4_0(data, o, x, blocks);
                case Q5_0 -> q5_0(data, o, x, blocks);
                case Q4_1 -> q45_1(data, o, x, blocks, false);
                case Q5_1 -> q45_1(data, o, x, blocks, true);
                case Q2_K -> q23_k(data, o, x, blocks, false);
                case Q3_K -> q23_k(data, o, x, blocks, true);
                case Q4_K -> q45_k(data, o, x, blocks, false);
                case Q5_K -> q45_k(data, o, x, blocks, true);
                case Q6_K -> q6_k(data, o, x, blocks);
                case IQ4_NL -> iq4_nl(data, o, x, blocks);
                case IQ4_XS -> iq4_xs(data, o, x, blocks);
                default -> throw new IllegalArgumentException("no integer kernel for " + w.type());
            };
        }
    }

    /** An F32, F16 or BF16 row of {@code n} values times the float activations ({@link ActivationFormat#F32} or {@link ActivationFormat#BF16}). */
    abstract float floats(MemorySegment w, long o, QuantizedVector x, int n, GgmlType type);

    abstract float q8_0(MemorySegment w, long o, QuantizedVector x, int blocks);

    abstract float q4_0(MemorySegment w, long o, QuantizedVector x, int blocks);

    abstract float q5_0(MemorySegment w, long o, QuantizedVector x, int blocks);

    /** Q4_1, or Q5_1 when {@code five}: {@code d q + m} per value, the minimum times the block's activation sum. */
    abstract float q45_1(MemorySegment w, long o, QuantizedVector x, int blocks, boolean five);

    /**
     * Q2_K, or Q3_K when {@code three}: value {@code e = 128 h + 32 j + l} of a block has its two low bits at
     * bits {@code 2j} of quant byte {@code 32 h + l} (Q3_K: its third bit at bit {@code 4h + j} of hmask byte {@code l}).
     */
    abstract float q23_k(MemorySegment w, long o, QuantizedVector x, int blocks, boolean three);

    /**
     * One Q2_K or Q3_K block's product from its integer sums: {@code sumq} the scaled quant sums (Q3_K: with
     * its -4 offset already taken off), {@code summ} the Q2_K minimums times the activation sums.
     */
    static float q23Block(MemorySegment w, long o, boolean three, float xd, int sumq, int summ) {
        return three ? xd * ScalarKernelBackend.f16(w, o + Blocks.Q3_K.D) * sumq
                : xd * (ScalarKernelBackend.f16(w, o + Blocks.Q2_K.D) * sumq - ScalarKernelBackend.f16(w, o + Blocks.Q2_K.DMIN) * summ);
    }

    /** The signed scale of sub-block {@code j} of a Q3_K block whose 12 packed scale bytes start at {@code o}. */
    static int q3kScale(MemorySegment w, long o, int j) {
        int low = j < 8 ? ScalarKernelBackend.u8(w, o + j) & 0x0F : ScalarKernelBackend.u8(w, o + j - 8) >>> 4;
        int high = (ScalarKernelBackend.u8(w, o + 8 + (j & 3)) >>> (2 * (j >>> 2))) & 3;
        return (low | (high << 4)) - 32;
    }

    /** Q4_K, or Q5_K when {@code five}. */
    abstract float q45_k(MemorySegment w, long o, QuantizedVector x, int blocks, boolean five);

    abstract float q6_k(MemorySegment w, long o, QuantizedVector x, int blocks);

    /** IQ4_NL: blocks of 32 indices into the code book ({@link #IQ4_BOOK}), laid out as Q4_0's nibbles, one F16 scale. */
    abstract float iq4_nl(MemorySegment w, long o, QuantizedVector x, int blocks);

    /** IQ4_XS: blocks of 256 in 8 sub-blocks of 32 laid out as IQ4_NL's, each with a 6-bit scale ({@link #iq4xsScale}). */
    abstract float iq4_xs(MemorySegment w, long o, QuantizedVector x, int blocks);

    /** The IQ4_NL / IQ4_XS code book: index {@code i} stands for the signed value {@code IQ4_BOOK[i]}. */
    static final byte[] IQ4_BOOK = IQ4Values.bytes();

    /** The signed scale ({@code 6-bit value - 32}) of sub-block {@code s} of the IQ4_XS block at {@code o}. */
    static int iq4xsScale(MemorySegment w, long o, int s) {
        int low = (ScalarKernelBackend.u8(w, o + Blocks.IQ4_XS.SCALES_L + (s >>> 1)) >>> ((s & 1) << 2)) & 0x0F;
        int high = ((w.get(ScalarKernelBackend.I16, o + Blocks.IQ4_XS.SCALES_H) & 0xFFFF) >>> (2 * s)) & 3;
        return (low | (high << 4)) - 32;
    }
}
