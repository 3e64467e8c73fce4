package dev.catena.llm.tensor;

import java.lang.foreign.MemorySegment;

/** Q8_0: blocks of 32 signed bytes with one F16 scale {@code d}; {@code x = d * q}. */
final class Q8_0Tensor extends BlockTensor {

    Q8_0Tensor(MemorySegment data, long[] shape) {
        super(data, shape);
    }

    @Override
    public GgmlType type() {
        return GgmlType.Q8_0;
    }

    @Override
    void dequantizeBlock(long o, float[] out, int p) {
        float d = Bytes.f16(data, o + Blocks.Q8_0.D);
        for (int j = 0; j < 32; j++) {
            out[p + j] = Bytes.i8(data, o + Blocks.Q8_0.QS + j) * d;
        }
    }
}
