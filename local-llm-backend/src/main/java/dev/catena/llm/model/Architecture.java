package dev.catena.llm.model;

import dev.catena.llm.UnsupportedModelException;

/**
 * The Transformer families this runtime implements, keyed by {@code general.architecture}, with the
 * traits that distinguish them. All are decoder-only, pre-norm, RMSNorm, gated-FFN models.
 */
public enum Architecture {
    /** Llama 2/3.x, TinyLlama, SmolLM, Mistral: interleaved RoPE, SwiGLU. */
    LLAMA("llama", RopeStyle.NORMAL, Activation.SILU, false, false, false),
    /** Qwen 2/2.5: NeoX RoPE, SwiGLU, biases on Q/K/V. */
    QWEN2("qwen2", RopeStyle.NEOX, Activation.SILU, false, false, false),
    /** Qwen 3: NeoX RoPE, SwiGLU, RMSNorm on each query and key head. */
    QWEN3("qwen3", RopeStyle.NEOX, Activation.SILU, true, false, false),
    /**
     * Gemma 3: embeddings scaled by sqrt(dim), QK-norm, post-attention and post-FFN norms, GeGLU,
     * sliding-window layers with their own RoPE base. GGUF conversion stores the norms as (1 + w),
     * so every norm here is a plain RMSNorm.
     */
    GEMMA3("gemma3", RopeStyle.NEOX, Activation.GELU_TANH, true, true, true);

    /** How RoPE pairs the dimensions of a head. */
    public enum RopeStyle {
        /** Adjacent pairs (x[2i], x[2i+1]) - ggml's "normal" mode, used by llama. */
        NORMAL,
        /** Halves (x[i], x[i + d/2]) - GPT-NeoX mode. */
        NEOX
    }

    /** The gate activation of the feed-forward block. */
    public enum Activation { SILU, GELU_TANH }

    private final String ggufName;
    private final RopeStyle ropeStyle;
    private final Activation activation;
    private final boolean qkNorm;
    private final boolean postNorms;
    private final boolean scaledEmbedding;

    Architecture(String ggufName, RopeStyle ropeStyle, Activation activation, boolean qkNorm,
                 boolean postNorms, boolean scaledEmbedding) {
        this.ggufName = ggufName;
        this.ropeStyle = ropeStyle;
        this.activation = activation;
        this.qkNorm = qkNorm;
        this.postNorms = postNorms;
        this.scaledEmbedding = scaledEmbedding;
    }

    /** The value of {@code general.architecture}, also the prefix of the architecture's metadata keys. */
    public String ggufName() {
        return ggufName;
    }

    public RopeStyle ropeStyle() {
        return ropeStyle;
    }

    public Activation activation() {
        return activation;
    }

    /** Whether each query and key head is RMS-normalised before RoPE. */
    public boolean qkNorm() {
        return qkNorm;
    }

    /** Whether attention and FFN outputs are RMS-normalised before the residual add. */
    public boolean postNorms() {
        return postNorms;
    }

    /** Whether token embeddings are multiplied by sqrt(dim). */
    public boolean scaledEmbedding() {
        return scaledEmbedding;
    }

    /**
     * The architecture named {@code name}.
     *
     * @throws UnsupportedModelException naming the source and the field when none matches
     */
    public static Architecture fromGguf(String name, String source) {
        for (Architecture a : values()) {
            if (a.ggufName.equals(name)) {
                return a;
            }
        }
        throw new UnsupportedModelException(source + ": general.architecture '" + name
                + "' is not supported (supported: llama, qwen2, qwen3, gemma3)");
    }
}
