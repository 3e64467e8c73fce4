package dev.catena.llm.tensor;

import java.lang.foreign.MemorySegment;

/** IEEE half-precision floats, little-endian. */
final class F16Tensor extends HalfTensor {

    F16Tensor(MemorySegment data, long[] shape) {
        super(data, shape);
    }

    @Override
    public GgmlType type() {
        return GgmlType.F16;
    }

    @Override
    float at(long offset) {
        return Bytes.f16(data, offset);
    }
}
