package dev.catena.llm.tensor;

import java.lang.foreign.MemorySegment;

/** Q4_K: super-blocks of 256 4-bit values in 8 sub-blocks of 32 with 6-bit scales and minimums, F16 super-scales; layout d, dmin, scales[12], qs[128]; {@code x = d*sc*q - dmin*m}. */
final class Q4_KTensor extends BlockTensor {

    Q4_KTensor(MemorySegment data, long[] shape) {
        super(data, shape);
    }

    @Override
    public GgmlType type() {
        return GgmlType.Q4_K;
    }

    @Override
    void dequantizeBlock(long o, float[] out, int p) {
        float d = Bytes.f16(data, o + Blocks.Q4_K.D);
        float dmin = Bytes.f16(data, o + Blocks.Q4_K.DMIN);
        for (int s = 0; s < 8; s++) {
            float ds = d * KQuants.scale(data, o + Blocks.Q4_K.SCALES, s);
            float ms = dmin * KQuants.min(data, o + Blocks.Q4_K.SCALES, s);
            long q = o + Blocks.Q4_K.QS + ((s >>> 1) << 5);
            int shift = (s & 1) << 2;
            for (int l = 0; l < 32; l++) {
                out[p + s * 32 + l] = ds * ((Bytes.u8(data, q + l) >>> shift) & 0x0F) - ms;
            }
        }
    }
}
