package dev.catena.llm.tensor;

import java.lang.foreign.MemorySegment;

/** Q5_0: blocks of 32 5-bit values (4 low bits in nibbles, the fifth in a 32-bit mask) with one F16 scale; {@code x = d * (q - 16)}. */
final class Q5_0Tensor extends BlockTensor {

    Q5_0Tensor(MemorySegment data, long[] shape) {
        super(data, shape);
    }

    @Override
    public GgmlType type() {
        return GgmlType.Q5_0;
    }

    @Override
    void dequantizeBlock(long o, float[] out, int p) {
        float d = Bytes.f16(data, o + Blocks.Q5_0.D);
        int qh = Bytes.i32(data, o + Blocks.Q5_0.QH);
        for (int j = 0; j < 16; j++) {
            int b = Bytes.u8(data, o + Blocks.Q5_0.QS + j);
            int lo = (b & 0x0F) | (((qh >>> j) & 1) << 4);
            int hi = (b >>> 4) | (((qh >>> (j + 16)) & 1) << 4);
            out[p + j] = (lo - 16) * d;
            out[p + j + 16] = (hi - 16) * d;
        }
    }
}
