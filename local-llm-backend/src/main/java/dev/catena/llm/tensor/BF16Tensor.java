package dev.catena.llm.tensor;

import java.lang.foreign.MemorySegment;

/** bfloat16: the upper 16 bits of an F32, little-endian. */
final class BF16Tensor extends HalfTensor {

    BF16Tensor(MemorySegment data, long[] shape) {
        super(data, shape);
    }

    @Override
    public GgmlType type() {
        return GgmlType.BF16;
    }

    @Override
    float at(long offset) {
        return Bytes.bf16(data, offset);
    }
}
