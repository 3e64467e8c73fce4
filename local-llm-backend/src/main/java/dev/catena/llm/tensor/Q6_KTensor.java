package dev.catena.llm.tensor;

import java.lang.foreign.MemorySegment;

/** Q6_K: super-blocks of 256 6-bit values in 16 sub-blocks with signed 8-bit scales; layout ql[128], qh[64], scales[16], d; {@code x = d*sc*(q - 32)}. */
final class Q6_KTensor extends BlockTensor {

    Q6_KTensor(MemorySegment data, long[] shape) {
        super(data, shape);
    }

    @Override
    public GgmlType type() {
        return GgmlType.Q6_K;
    }

    @Override
    void dequantizeBlock(long o, float[] out, int p) {
        float d = Bytes.f16(data, o + Blocks.Q6_K.D);
        for (int half = 0; half < 2; half++) {
            long ql = o + Blocks.Q6_K.QL + half * 64;
            long qh = o + Blocks.Q6_K.QH + half * 32;
            for (int j = 0; j < 4; j++) {
                int e0 = half * 128 + j * 32;
                for (int l = 0; l < 32; l++) {
                    int lo = (Bytes.u8(data, ql + ((j & 1) << 5) + l) >>> ((j >>> 1) << 2)) & 0x0F;
                    int hi = (Bytes.u8(data, qh + l) >>> (j << 1)) & 3;
                    int e = e0 + l;
                    float dl = d * Bytes.i8(data, o + Blocks.Q6_K.SCALES + (e >>> 4));
                    out[p + e] = dl * ((lo | (hi << 4)) - 32);
                }
            }
        }
    }
}
