package dev.catena.llm.tensor;

import java.lang.foreign.MemorySegment;

/** Q5_1: blocks of 32 5-bit values with F16 scale and minimum; {@code x = d * q + m}. */
final class Q5_1Tensor extends BlockTensor {

    Q5_1Tensor(MemorySegment data, long[] shape) {
        super(data, shape);
    }

    @Override
    public GgmlType type() {
        return GgmlType.Q5_1;
    }

    @Override
    void dequantizeBlock(long o, float[] out, int p) {
        float d = Bytes.f16(data, o + Blocks.Q5_1.D);
        float m = Bytes.f16(data, o + Blocks.Q5_1.M);
        int qh = Bytes.i32(data, o + Blocks.Q5_1.QH);
        for (int j = 0; j < 16; j++) {
            int b = Bytes.u8(data, o + Blocks.Q5_1.QS + j);
            int lo = (b & 0x0F) | (((qh >>> j) & 1) << 4);
            int hi = (b >>> 4) | (((qh >>> (j + 16)) & 1) << 4);
            out[p + j] = d * lo + m;
            out[p + j + 16] = d * hi + m;
        }
    }
}
