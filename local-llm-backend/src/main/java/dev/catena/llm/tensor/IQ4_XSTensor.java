package dev.catena.llm.tensor;

import java.lang.foreign.MemorySegment;

/**
 * IQ4_XS: super-blocks of 256 4-bit indices into the {@link IQ4Values} code book, in 8 sub-blocks of 32
 * with 6-bit scales, one F16 super-scale; layout d, scales_h (u16: 2 high bits per sub-block),
 * scales_l[4] (4 low bits per sub-block), qs[128]; {@code x = d * (scale - 32) * value(q)}.
 */
final class IQ4_XSTensor extends BlockTensor {

    IQ4_XSTensor(MemorySegment data, long[] shape) {
        super(data, shape);
    }

    @Override
    public GgmlType type() {
        return GgmlType.IQ4_XS;
    }

    @Override
    void dequantizeBlock(long o, float[] out, int p) {
        float d = Bytes.f16(data, o);
        for (int s = 0; s < 8; s++) {
            IQ4Values.decode32(data, o + 8 + 16 * s, d * (scale(o, s) - 32), out, p + 32 * s);
        }
    }

    @Override
    float dotBlock(long o, float[] x, int xo, float[] unused) {
        float d = Bytes.f16(data, o);
        float sum = 0f;
        for (int s = 0; s < 8; s++) {
            sum += d * (scale(o, s) - 32) * IQ4Values.dot32(data, o + 8 + 16 * s, x, xo + 32 * s);
        }
        return sum;
    }

    /** The 6-bit scale of sub-block {@code s} of the super-block at {@code o}. */
    private int scale(long o, int s) {
        int low = (Bytes.u8(data, o + 4 + (s >>> 1)) >>> ((s & 1) << 2)) & 0x0F;
        int high = (Bytes.u16(data, o + 2) >>> (2 * s)) & 0x03;
        return low | (high << 4);
    }
}
