package dev.catena.llm.tensor;

import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * The 16-bit float types, two bytes per element, row after row, little-endian: F16 (IEEE half precision) and
 * BF16 (bfloat16, the upper 16 bits of an F32). They differ only in how one element is decoded.
 */
final class HalfTensor extends Tensor {

    final MemorySegment data;
    private final GgmlType type;
    private final boolean bfloat;

    HalfTensor(GgmlType type, MemorySegment data, long[] shape) {
        super(shape);
        if (type != GgmlType.F16 && type != GgmlType.BF16) throw new IllegalArgumentException("not a 16-bit float type: " + type);
        this.type = type;
        this.bfloat = type == GgmlType.BF16;
        this.data = data;
    }

    @Override
    public GgmlType type() {
        return type;
    }

    /** The element stored at byte {@code offset} of the data. */
    private float at(long offset) {
        return bfloat ? Bytes.bf16(data, offset) : Bytes.f16(data, offset);
    }

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
