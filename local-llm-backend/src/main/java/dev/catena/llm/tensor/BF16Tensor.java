package dev.catena.llm.tensor;

import java.lang.foreign.MemorySegment;
import java.util.Objects;

/** bfloat16: the upper 16 bits of an F32, little-endian. */
final class BF16Tensor extends Tensor {

    private final MemorySegment data;

    BF16Tensor(MemorySegment data, long[] shape) {
        super(shape);
        this.data = data;
    }

    @Override
    public GgmlType type() {
        return GgmlType.BF16;
    }

    @Override
    public float get(long index) {
        Objects.checkIndex(index, size());
        return Bytes.bf16(data, index * 2);
    }

    @Override
    public void dequantizeRow(int row, float[] out, int outOffset) {
        checkRow(row);
        Objects.checkFromIndexSize(outOffset, columns(), out.length);
        long base = (long) row * columns() * 2;
        for (int j = 0; j < columns(); j++) {
            out[outOffset + j] = Bytes.bf16(data, base + 2L * j);
        }
    }

    @Override
    public float dot(int row, float[] x, int xOffset) {
        checkRow(row);
        checkX(x, xOffset);
        long base = (long) row * columns() * 2;
        float sum = 0f;
        for (int j = 0; j < columns(); j++) {
            sum += Bytes.bf16(data, base + 2L * j) * x[xOffset + j];
        }
        return sum;
    }
}
