package dev.catena.llm.tensor;

import java.lang.foreign.MemorySegment;

/** Q4_1: blocks of 32 4-bit values with F16 scale and minimum; {@code x = d * q + m}. */
final class Q4_1Tensor extends BlockTensor {

    Q4_1Tensor(MemorySegment data, long[] shape) {
        super(data, shape);
    }

    @Override
    public GgmlType type() {
        return GgmlType.Q4_1;
    }

    @Override
    void dequantizeBlock(long o, float[] out, int p) {
        float d = Bytes.f16(data, o + Blocks.Q4_1.D);
        float m = Bytes.f16(data, o + Blocks.Q4_1.M);
        for (int j = 0; j < 16; j++) {
            int b = Bytes.u8(data, o + Blocks.Q4_1.QS + j);
            out[p + j] = d * (b & 0x0F) + m;
            out[p + j + 16] = d * (b >>> 4) + m;
        }
    }
}
