package dev.catena.llm.tensor;

import java.lang.foreign.MemorySegment;

/** Q3_K: super-blocks of 256 3-bit values (2 low bits plus an inverted high-bit mask) in 16 sub-blocks with signed 6-bit scales; layout hmask[32], qs[64], scales[12], d. */
final class Q3_KTensor extends BlockTensor {

    Q3_KTensor(MemorySegment data, long[] shape) {
        super(data, shape);
    }

    @Override
    public GgmlType type() {
        return GgmlType.Q3_K;
    }

    @Override
    void dequantizeBlock(long o, float[] out, int p) {
        float d = Bytes.f16(data, o + Blocks.Q3_K.D);
        long sc = o + Blocks.Q3_K.SCALES;
        for (int e = 0; e < 256; e++) {
            int i = e >>> 4;
            int low = i < 8 ? Bytes.u8(data, sc + i) & 0x0F : Bytes.u8(data, sc + i - 8) >>> 4;
            int high = (Bytes.u8(data, sc + 8 + (i & 3)) >>> ((i >>> 2) << 1)) & 3;
            float dl = d * ((low | (high << 4)) - 32);
            int g = e >>> 5;
            int l = e & 31;
            int ql = (Bytes.u8(data, o + Blocks.Q3_K.QS + ((g >>> 2) << 5) + l) >>> ((g & 3) << 1)) & 3;
            int hbit = (Bytes.u8(data, o + Blocks.Q3_K.HMASK + l) >>> g) & 1;
            out[p + e] = dl * (ql - ((hbit ^ 1) << 2));
        }
    }
}
