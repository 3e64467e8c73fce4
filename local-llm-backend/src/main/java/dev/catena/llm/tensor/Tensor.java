package dev.catena.llm.tensor;

import dev.catena.llm.UnsupportedModelException;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.Objects;

/**
 * A read-only weight tensor of 1 to 4 dimensions in ggml order: {@code shape[0]} is the row length
 * ({@link #columns()}), the remaining dimensions multiply to {@link #rows()}. Rows are contiguous, so a
 * tensor of any rank is used as a matrix. Elements are read in place from a {@link MemorySegment}
 * (typically a memory-mapped GGUF file) and decoded on the fly.
 *
 * <p>One final subclass per storage type; {@link #of} picks it. Instances are immutable and safe to
 * share between threads.
 */
public abstract class Tensor {

    private final long[] shape;
    private final int columns;
    private final int rows;
    private final long size;

    Tensor(long[] shape) {
        if (shape.length < 1 || shape.length > 4) {
            throw new IllegalArgumentException("a tensor has 1 to 4 dimensions, got " + Arrays.toString(shape));
        }
        long n = 1;
        for (long d : shape) {
            if (d < 1) {
                throw new IllegalArgumentException("tensor dimensions must be positive: " + Arrays.toString(shape));
            }
            n = Math.multiplyExact(n, d);
        }
        if (shape[0] > Integer.MAX_VALUE || n / shape[0] > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("tensor rows and columns must each fit in an int: " + Arrays.toString(shape));
        }
        this.shape = shape.clone();
        this.columns = (int) shape[0];
        this.rows = (int) (n / shape[0]);
        this.size = n;
    }

    /** How the elements are stored. */
    public abstract GgmlType type();

    /** A copy of the dimensions in ggml order. */
    public long[] shape() {
        return shape.clone();
    }

    /** The row length: {@code shape[0]}. */
    public int columns() {
        return columns;
    }

    /** The number of rows: the product of all dimensions but the first. */
    public int rows() {
        return rows;
    }

    /** The number of elements. */
    public long size() {
        return size;
    }

    /** The element at {@code index = row * columns() + column}. */
    public abstract float get(long index);

    /** Writes the {@link #columns()} elements of {@code row} to {@code out} from {@code outOffset}. */
    public void dequantizeRow(int row, float[] out, int outOffset) {
        checkRow(row);
        Objects.checkFromIndexSize(outOffset, columns, out.length);
        long base = (long) row * columns;
        for (int j = 0; j < columns; j++) {
            out[outOffset + j] = get(base + j);
        }
    }

    /** {@code sum_j W[row, j] * x[xOffset + j]} over the {@link #columns()} elements of the row. */
    public abstract float dot(int row, float[] x, int xOffset);

    /** Matrix-vector product over a range of rows: {@code out[r] = dot(r, x, 0)} for rowStart &lt;= r &lt; rowEnd. */
    public void matVec(float[] x, float[] out, int rowStart, int rowEnd) {
        Objects.checkFromToIndex(rowStart, rowEnd, rows);
        for (int r = rowStart; r < rowEnd; r++) {
            out[r] = dot(r, x, 0);
        }
    }

    /**
     * The stored bytes of a block-quantized or a mapped F32, F16 or BF16 tensor (blocks of
     * {@code type().bytesPerBlock()} bytes, row after row), for kernels that compute on the stored encoding;
     * {@code null} for a tensor over a Java array.
     */
    public MemorySegment blockData() {
        if (this instanceof BlockTensor b) {
            return b.data;
        }
        if (this instanceof F32Tensor f) {
            return f.data;
        }
        return this instanceof HalfTensor h ? h.data : null;
    }

    /** Matrix-vector product over all rows. */
    public void matVec(float[] x, float[] out) {
        matVec(x, out, 0, rows);
    }

    /**
     * A tensor over {@code data} in the given storage type.
     *
     * @throws UnsupportedModelException when the type cannot be computed with
     * @throws IllegalArgumentException  when the shape is invalid, the row length is not a whole number
     *                                   of blocks, or {@code data} is smaller than the tensor
     */
    public static Tensor of(GgmlType type, MemorySegment data, long[] shape) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(data, "data");
        if (!type.isComputable()) {
            throw new UnsupportedModelException("tensor type " + type + " is not supported (supported: "
                    + GgmlType.computableNames() + ")");
        }
        if (shape.length > 0 && shape[0] % type.blockSize() != 0) {
            throw new IllegalArgumentException("row length " + shape[0] + " is not a multiple of the "
                    + type + " block size " + type.blockSize());
        }
        Tensor t = switch (type) {
            case F32 -> new F32Tensor(data, shape);
            case F16, BF16 -> new HalfTensor(type, data, shape);
            case Q8_0 -> new Q8_0Tensor(data, shape);
            case Q8_1 -> new Q8_1Tensor(data, shape);
            case Q4_0 -> new Q4_0Tensor(data, shape);
            case Q4_1 -> new Q4_1Tensor(data, shape);
            case Q5_0 -> new Q5_0Tensor(data, shape);
            case Q5_1 -> new Q5_1Tensor(data, shape);
            case Q2_K -> new Q2_KTensor(data, shape);
            case Q3_K -> new Q3_KTensor(data, shape);
            case Q4_K -> new Q4_KTensor(data, shape);
            case Q5_K -> new Q5_KTensor(data, shape);
            case Q6_K -> new Q6_KTensor(data, shape);
            case Q8_K -> new Q8_KTensor(data, shape);
            case IQ4_NL -> new IQ4_NLTensor(data, shape);
            case IQ4_XS -> new IQ4_XSTensor(data, shape);
            default -> throw new UnsupportedModelException("tensor type " + type + " is not supported");
        };
        long need = type.byteSize(t.size());
        if (data.byteSize() < need) {
            throw new IllegalArgumentException(type + " tensor " + Arrays.toString(shape) + " needs " + need
                    + " bytes, the data has " + data.byteSize());
        }
        return t;
    }

    /** An F32 tensor on the heap over (not copying) {@code data}; the shape defaults to {@code [data.length]}. */
    public static Tensor f32(float[] data, long... shape) {
        long[] s = shape.length == 0 ? new long[] {data.length} : shape;
        return new ArrayF32Tensor(data, s);
    }

    final void checkRow(int row) {
        Objects.checkIndex(row, rows);
    }

    final void checkX(float[] x, int xOffset) {
        Objects.checkFromIndexSize(xOffset, columns, x.length);
    }

    @Override
    public String toString() {
        return type() + Arrays.toString(shape);
    }
}
