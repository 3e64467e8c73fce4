package dev.catena.llm.tensor;

import java.lang.foreign.MemorySegment;

/** Q8_K: super-blocks of 256 signed bytes with an F32 scale (and 16 partial sums, unused here); {@code x = d * q}. */
final class Q8_KTensor extends BlockTensor {

    Q8_KTensor(MemorySegment data, long[] shape) {
        super(data, shape);
    }

    @Override
    public GgmlType type() {
        return GgmlType.Q8_K;
    }

    @Override
    void dequantizeBlock(long o, float[] out, int p) {
        float d = Bytes.f32(data, o + Blocks.Q8_K.D);
        for (int j = 0; j < 256; j++) {
            out[p + j] = d * Bytes.i8(data, o + Blocks.Q8_K.QS + j);
        }
    }
}
