package dev.catena.llm.tensor;

import java.lang.foreign.MemorySegment;

/** Q4_0: blocks of 32 4-bit values with one F16 scale; {@code x = d * (q - 8)}; byte j holds elements j (low nibble) and j+16. */
final class Q4_0Tensor extends BlockTensor {

    Q4_0Tensor(MemorySegment data, long[] shape) {
        super(data, shape);
    }

    @Override
    public GgmlType type() {
        return GgmlType.Q4_0;
    }

    @Override
    void dequantizeBlock(long o, float[] out, int p) {
        float d = Bytes.f16(data, o + Blocks.Q4_0.D);
        for (int j = 0; j < 16; j++) {
            int b = Bytes.u8(data, o + Blocks.Q4_0.QS + j);
            out[p + j] = ((b & 0x0F) - 8) * d;
            out[p + j + 16] = ((b >>> 4) - 8) * d;
        }
    }
}
