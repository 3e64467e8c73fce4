package dev.catena.llm.gguf;

import dev.catena.llm.tensor.GgmlType;

import java.util.Arrays;

/**
 * One entry of a GGUF file's tensor table.
 *
 * @param name     the tensor's name, e.g. {@code blk.0.attn_q.weight}
 * @param type     how its elements are stored
 * @param shape    its dimensions in ggml order: {@code shape[0]} is the row length (contiguous)
 * @param offset   absolute byte offset of its data in the file
 * @param byteSize size of its data in bytes
 */
public record GgufTensorInfo(String name, GgmlType type, long[] shape, long offset, long byteSize) {

    public GgufTensorInfo {
        shape = shape.clone();
    }

    /** A copy of the dimensions in ggml order. */
    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** The number of elements: the product of the dimensions. */
    public long elementCount() {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GgufTensorInfo t && name.equals(t.name) && type == t.type
                && Arrays.equals(shape, t.shape) && offset == t.offset && byteSize == t.byteSize;
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return name + " " + type + " " + Arrays.toString(shape) + " @" + offset + " (" + byteSize + " bytes)";
    }
}
