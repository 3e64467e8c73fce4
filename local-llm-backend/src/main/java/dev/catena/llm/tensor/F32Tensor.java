package dev.catena.llm.tensor;

import java.lang.foreign.MemorySegment;
import java.util.Objects;

/** 32-bit floats, little-endian. */
final class F32Tensor extends Tensor {

    final MemorySegment data;

    F32Tensor(MemorySegment data, long[] shape) {
        super(shape);
        this.data = data;
    }

    @Override
    public GgmlType type() {
        return GgmlType.F32;
    }

    @Override
    public float get(long index) {
        Objects.checkIndex(index, size());
        return Bytes.f32(data, index * 4);
    }

    @Override
    public void dequantizeRow(int row, float[] out, int outOffset) {
        checkRow(row);
        Objects.checkFromIndexSize(outOffset, columns(), out.length);
        MemorySegment.copy(data, Bytes.FLOAT, (long) row * columns() * 4, out, outOffset, columns());
    }

    @Override
    public float dot(int row, float[] x, int xOffset) {
        checkRow(row);
        checkX(x, xOffset);
        return VectorKernels.dotF32(data, (long) row * columns() * 4, x, xOffset, columns());
    }
}
