package dev.catena.llm.tensor;

import java.lang.foreign.MemorySegment;
import java.util.Objects;

/** IEEE half-precision floats, little-endian. */
final class F16Tensor extends Tensor {

    private final MemorySegment data;

    F16Tensor(MemorySegment data, long[] shape) {
        super(shape);
        this.data = data;
    }

    @Override
    public GgmlType type() {
        return GgmlType.F16;
    }

    @Override
    public float get(long index) {
        Objects.checkIndex(index, size());
        return Bytes.f16(data, index * 2);
    }

    @Override
    public void dequantizeRow(int row, float[] out, int outOffset) {
        checkRow(row);
        Objects.checkFromIndexSize(outOffset, columns(), out.length);
        long base = (long) row * columns() * 2;
        for (int j = 0; j < columns(); j++) {
            out[outOffset + j] = Bytes.f16(data, base + 2L * j);
        }
    }

    @Override
    public float dot(int row, float[] x, int xOffset) {
        checkRow(row);
        checkX(x, xOffset);
        long base = (long) row * columns() * 2;
        float sum = 0f;
        for (int j = 0; j < columns(); j++) {
            sum += Bytes.f16(data, base + 2L * j) * x[xOffset + j];
        }
        return sum;
    }
}
