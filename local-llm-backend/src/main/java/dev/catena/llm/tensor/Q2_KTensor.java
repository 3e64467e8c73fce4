package dev.catena.llm.tensor;

import java.lang.foreign.MemorySegment;

/** Q2_K: super-blocks of 256 2-bit values in 16 sub-blocks with 4-bit scales and minimums, and F16 super-scales {@code d}, {@code dmin}; layout scales[16], qs[64], d, dmin. */
final class Q2_KTensor extends BlockTensor {

    Q2_KTensor(MemorySegment data, long[] shape) {
        super(data, shape);
    }

    @Override
    public GgmlType type() {
        return GgmlType.Q2_K;
    }

    @Override
    void dequantizeBlock(long o, float[] out, int p) {
        float d = Bytes.f16(data, o + Blocks.Q2_K.D);
        float dmin = Bytes.f16(data, o + Blocks.Q2_K.DMIN);
        for (int e = 0; e < 256; e++) {
            int sc = Bytes.u8(data, o + Blocks.Q2_K.SCALES + (e >>> 4));
            float dl = d * (sc & 0x0F);
            float ml = dmin * (sc >>> 4);
            int g = e >>> 5;
            int q = (Bytes.u8(data, o + Blocks.Q2_K.QS + ((g >>> 2) << 5) + (e & 31)) >>> ((g & 3) << 1)) & 3;
            out[p + e] = dl * q - ml;
        }
    }
}
