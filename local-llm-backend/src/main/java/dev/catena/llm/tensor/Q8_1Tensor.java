package dev.catena.llm.tensor;

import java.lang.foreign.MemorySegment;

/** Q8_1: blocks of 32 signed bytes with an F16 scale {@code d} and an F16 sum; {@code x = d * q}. */
final class Q8_1Tensor extends BlockTensor {

    Q8_1Tensor(MemorySegment data, long[] shape) {
        super(data, shape);
    }

    @Override
    public GgmlType type() {
        return GgmlType.Q8_1;
    }

    @Override
    void dequantizeBlock(long o, float[] out, int p) {
        float d = Bytes.f16(data, o + Blocks.Q8_1.D);
        for (int j = 0; j < 32; j++) {
            out[p + j] = Bytes.i8(data, o + Blocks.Q8_1.QS + j) * d;
        }
    }
}
