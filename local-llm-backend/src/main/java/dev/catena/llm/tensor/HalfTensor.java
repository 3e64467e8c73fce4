package dev.catena.llm.tensor;

import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * Base of the 16-bit float types, F16 and BF16: two bytes per element, row after row. A subclass decodes one
 * element; the row loops are here.
 */
abstract sealed class HalfTensor extends Tensor permits F16Tensor, BF16Tensor {

    final MemorySegment data;

    HalfTensor(MemorySegment data, long[] shape) {
        super(shape);
        this.data = data;
    }

    /** The element stored at byte {@code offset} of the data. */
    abstract float at(long offset);

    @Override
    public float get(long index) {
        Objects.checkIndex(index, size());
        return at(index * 2);
    }

    @Override
    public void dequantizeRow(int row, float[] out, int outOffset) {
        checkRow(row);
        Objects.checkFromIndexSize(outOffset, columns(), out.length);
        long base = (long) row * columns() * 2;
        for (int j = 0; j < columns(); j++) {
            out[outOffset + j] = at(base + 2L * j);
        }
    }

    @Override
    public float dot(int row, float[] x, int xOffset) {
        checkRow(row);
        checkX(x, xOffset);
        long base = (long) row * columns() * 2;
        float sum = 0f;
        for (int j = 0; j < columns(); j++) {
            sum += at(base + 2L * j) * x[xOffset + j];
        }
        return sum;
    }
}
