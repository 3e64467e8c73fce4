package dev.catena.llm.compute.kernel;

import dev.catena.llm.tensor.GgmlType;
import dev.catena.llm.tensor.Tensor;

/**
 * Integer matrix-vector kernels for quantized weights: each row of a weight tensor, in its stored GGUF
 * encoding, times an activation vector quantized to 8 bits ({@link QuantizedVector}). Implementations
 * are stateless and thread-safe; callers split rows between threads. {@link KernelBackends} picks one.
 */
public interface KernelBackend {

    /** A short name: {@code native}, {@code vector} or {@code scalar}. */
    String name();

    /** A description for logs, such as the instruction set in use. */
    default String description() {
        return name();
    }

    /** Row {@code row} of {@code w} as floats, from this backend's copy of the matrix if it made one. */
    default void dequantizeRow(Tensor w, int row, float[] out) {
        w.dequantizeRow(row, out, 0);
    }

    /** Quantizes {@code x} into {@code into} for this backend's kernels; by default {@link QuantizedVector#quantize}. */
    default void quantize(float[] x, ActivationFormat format, QuantizedVector into) {
        into.quantize(x, format);
    }

    /** Whether this backend has kernels for weights of {@code type}. */
    boolean supports(GgmlType type);

    /**
     * {@code out[r] = w[r] . x} for {@code rowStart <= r < rowEnd}; {@code x} is quantized in
     * {@link ActivationFormat#forWeights}{@code (w.type())} and has {@code w.columns()} values.
     */
    void matVec(Tensor w, QuantizedVector x, float[] out, int rowStart, int rowEnd);

    /**
     * The product for a batch: {@code outs[b][r] = w[r] . xs[b]} for {@code b < count} and the row range.
     * Rows are taken in small tiles so that each tile is read from memory once for the whole batch.
     */
    default void matMul(Tensor w, QuantizedVector[] xs, int count, float[][] outs, int rowStart, int rowEnd) {
        for (int r = rowStart; r < rowEnd; r += ROW_TILE) {
            int end = Math.min(rowEnd, r + ROW_TILE);
            for (int b = 0; b < count; b++) {
                matVec(w, xs[b], outs[b], r, end);
            }
        }
    }

    /** Rows per tile in {@link #matMul}: small enough that a tile of the largest rows stays in L1/L2. */
    int ROW_TILE = 16;
}
