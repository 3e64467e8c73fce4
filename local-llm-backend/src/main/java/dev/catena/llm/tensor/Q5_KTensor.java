package dev.catena.llm.tensor;

import java.lang.foreign.MemorySegment;

/** Q5_K: like Q4_K with a fifth bit per value; layout d, dmin, scales[12], qh[32], qs[128]. */
final class Q5_KTensor extends BlockTensor {

    Q5_KTensor(MemorySegment data, long[] shape) {
        super(data, shape);
    }

    @Override
    public GgmlType type() {
        return GgmlType.Q5_K;
    }

    @Override
    void dequantizeBlock(long o, float[] out, int p) {
        float d = Bytes.f16(data, o + Blocks.Q5_K.D);
        float dmin = Bytes.f16(data, o + Blocks.Q5_K.DMIN);
        for (int s = 0; s < 8; s++) {
            float ds = d * KQuants.scale(data, o + Blocks.Q5_K.SCALES, s);
            float ms = dmin * KQuants.min(data, o + Blocks.Q5_K.SCALES, s);
            long q = o + Blocks.Q5_K.QS + ((s >>> 1) << 5);
            int shift = (s & 1) << 2;
            for (int l = 0; l < 32; l++) {
                int v = ((Bytes.u8(data, q + l) >>> shift) & 0x0F) | (((Bytes.u8(data, o + Blocks.Q5_K.QH + l) >>> s) & 1) << 4);
                out[p + s * 32 + l] = ds * v - ms;
            }
        }
    }
}
