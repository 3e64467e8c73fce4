package dev.catena.llm.compute.kernel;

import dev.catena.llm.tensor.GgmlType;

/** How an activation vector is quantized to 8 bits before integer dot products with a weight type. */
public enum ActivationFormat {
    /**
     * Blocks of 32 signed bytes with one scale (rounded to F16, as ggml stores it) and one sum; for Q4_0, Q5_0,
     * Q8_0, IQ4_NL, and Q4_1, Q5_1, whose minimum term is {@code m * d8 * sum(q8)} (the sum makes it ggml's Q8_1).
     */
    Q8_0(32),
    /** Blocks of 256 signed bytes with one F32 scale and 16 sums of 16 values; for Q2_K, Q3_K, Q4_K, Q5_K, Q6_K, IQ4_XS. */
    Q8_K(256),
    /**
     * Not quantized: the floats as they are, in {@link QuantizedVector#qs()}; for F32, F16 and BF16 weights,
     * whose kernels widen the weights to floats (the products are bound by the weight stream, not arithmetic).
     */
    F32(1),
    /**
     * The floats rounded to BF16 (nearest, ties to even) and kept as floats in {@link QuantizedVector#qs()}; for
     * BF16 weights, whose activations llama.cpp rounds the same way: the batched kernel then multiplies BF16
     * pairs ({@code vdpbf16ps}) exactly as the matrix-vector kernels multiply these floats.
     */
    BF16(1);

    private final int blockSize;

    ActivationFormat(int blockSize) {
        this.blockSize = blockSize;
    }

    /** Values per block. */
    public int blockSize() {
        return blockSize;
    }

    /** The format that the integer kernels of {@code type} take, or {@code null} when there are none. */
    public static ActivationFormat forWeights(GgmlType type) {
        return switch (type) {
            case Q4_0, Q4_1, Q5_0, Q5_1, Q8_0, IQ4_NL -> Q8_0;
            case Q2_K, Q3_K, Q4_K, Q5_K, Q6_K, IQ4_XS -> Q8_K;
            case F32, F16 -> F32;
            case BF16 -> BF16;
            default -> null;
        };
    }
}
