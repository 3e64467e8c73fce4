package dev.catena.llm.model;

import dev.catena.llm.tensor.Tensor;

/**
 * The tensors of one Transformer block ({@code blk.N.*} in GGUF). Optional tensors are {@code null}:
 * biases (qwen2), QK-norms (qwen3, gemma3), post-norms (gemma3).
 */
public record LayerWeights(
        Tensor attnNorm,
        Tensor wq, Tensor wk, Tensor wv, Tensor wo,
        Tensor bq, Tensor bk, Tensor bv,
        Tensor qNorm, Tensor kNorm,
        Tensor attnPostNorm,
        Tensor ffnNorm,
        Tensor ffnGate, Tensor ffnUp, Tensor ffnDown,
        Tensor ffnPostNorm) {
}
