package dev.catena.llm.tensor;

import java.lang.foreign.MemorySegment;

/**
 * IQ4_NL: blocks of 32 4-bit indices into the {@link IQ4Values} code book with one F16 scale; layout d,
 * qs[16]; {@code x = d * value(q)}; byte j holds elements j (low nibble) and j+16.
 */
final class IQ4_NLTensor extends BlockTensor {

    IQ4_NLTensor(MemorySegment data, long[] shape) {
        super(data, shape);
    }

    @Override
    public GgmlType type() {
        return GgmlType.IQ4_NL;
    }

    @Override
    void dequantizeBlock(long o, float[] out, int p) {
        IQ4Values.decode32(data, o + 2, Bytes.f16(data, o), out, p);
    }

    @Override
    float dotBlock(long o, float[] x, int xo, float[] unused) {
        return Bytes.f16(data, o) * IQ4Values.dot32(data, o + 2, x, xo);
    }
}
