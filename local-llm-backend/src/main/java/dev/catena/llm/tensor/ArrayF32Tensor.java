package dev.catena.llm.tensor;

import java.util.Objects;

/** F32 elements in a heap {@code float[]}: for tests and small activations. */
final class ArrayF32Tensor extends Tensor {

    private final float[] data;

    ArrayF32Tensor(float[] data, long[] shape) {
        super(shape);
        if (data.length < size()) {
            throw new IllegalArgumentException("shape needs " + size() + " floats, the array has " + data.length);
        }
        this.data = data;
    }

    @Override
    public GgmlType type() {
        return GgmlType.F32;
    }

    @Override
    public float get(long index) {
        Objects.checkIndex(index, size());
        return data[(int) index];
    }

    @Override
    public void dequantizeRow(int row, float[] out, int outOffset) {
        checkRow(row);
        System.arraycopy(data, row * columns(), out, outOffset, columns());
    }

    @Override
    public float dot(int row, float[] x, int xOffset) {
        checkRow(row);
        checkX(x, xOffset);
        return VectorKernels.dotF32(data, row * columns(), x, xOffset, columns());
    }
}
