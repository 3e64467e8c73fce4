package dev.catena.llm.model;

import dev.catena.llm.gguf.GgufFormatException;
import dev.catena.llm.gguf.GgufMetadata;
import dev.catena.llm.UnsupportedModelException;

/**
 * The hyper-parameters of a model, read from GGUF metadata ({@code <arch>.embedding_length} and so on).
 *
 * @param architecture          the family, from {@code general.architecture}
 * @param dim                   embedding width
 * @param layers                number of Transformer blocks
 * @param heads                 query heads
 * @param kvHeads               key/value heads (fewer than {@code heads} for GQA/MQA)
 * @param headDim               width of a query/key head
 * @param valueDim              width of a value head
 * @param ffnDim                hidden width of the feed-forward block
 * @param contextLength         the context the model was trained with
 * @param rmsEps                RMSNorm epsilon
 * @param ropeBase              RoPE frequency base of global-attention layers
 * @param ropeFreqScale         RoPE position scale (1 / linear scaling factor)
 * @param ropeDims              dimensions of a head that RoPE rotates
 * @param slidingWindow         window of sliding-window layers, 0 when none
 * @param slidingWindowPattern  every n-th layer (n-1, 2n-1, ...) is global; the others use the window
 * @param ropeBaseLocal         RoPE base of sliding-window layers
 * @param logitSoftcap          final logit soft-capping, 0 when none
 * @param attentionScale        factor applied to q.k
 */
public record ModelConfig(
        Architecture architecture,
        int dim,
        int layers,
        int heads,
        int kvHeads,
        int headDim,
        int valueDim,
        int ffnDim,
        int contextLength,
        float rmsEps,
        float ropeBase,
        float ropeFreqScale,
        int ropeDims,
        int slidingWindow,
        int slidingWindowPattern,
        float ropeBaseLocal,
        float logitSoftcap,
        float attentionScale) {

    public ModelConfig {
        require(dim > 0 && layers > 0 && heads > 0 && kvHeads > 0 && headDim > 0 && valueDim > 0 && ffnDim > 0,
                "dimensions must be positive: dim " + dim + ", layers " + layers + ", heads " + heads + "/" + kvHeads
                        + ", head width " + headDim + "/" + valueDim + ", ffn " + ffnDim);
        require(heads % kvHeads == 0, "head_count " + heads + " is not a multiple of head_count_kv " + kvHeads);
        require(ropeDims > 0 && ropeDims <= headDim && ropeDims % 2 == 0,
                "rope.dimension_count " + ropeDims + " must be even and at most the head width " + headDim);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** Width of all query heads together. */
    public int queryDim() {
        return heads * headDim;
    }

    /** Width of all key heads together. */
    public int kvDim() {
        return kvHeads * headDim;
    }

    /** Width of all value heads together. */
    public int kvValueDim() {
        return kvHeads * valueDim;
    }

    /** Whether layer {@code layer} attends only to the last {@link #slidingWindow} positions. */
    public boolean isSlidingWindowLayer(int layer) {
        return slidingWindow > 0 && (slidingWindowPattern == 0 || layer % slidingWindowPattern < slidingWindowPattern - 1);
    }

    /**
     * Reads the configuration of a GGUF file.
     *
     * @param source the file name, used in error messages
     * @throws UnsupportedModelException for an unknown architecture or RoPE scaling type
     * @throws GgufFormatException       when a required key is missing or a value is out of range
     */
    public static ModelConfig fromGguf(GgufMetadata md, String source) {
        if (!md.contains("general.architecture")) {
            throw new GgufFormatException(source + ": missing metadata key general.architecture");
        }
        Architecture arch = Architecture.fromGguf(md.getString("general.architecture"), source);
        Keys k = new Keys(md, arch.ggufName() + ".", source);
        int dim = k.positive("embedding_length");
        int layers = k.positive("block_count");
        int heads = k.positive("attention.head_count");
        int kvHeads = k.intOr("attention.head_count_kv", heads);
        if (kvHeads <= 0 || heads % kvHeads != 0) {
            throw new GgufFormatException(source + ": " + arch.ggufName() + ".attention.head_count_kv = " + kvHeads
                    + " must divide attention.head_count = " + heads);
        }
        int headDim = k.intOr("attention.key_length", dim / heads);
        int valueDim = k.intOr("attention.value_length", dim / heads);
        if (valueDim != headDim) {
            throw new UnsupportedModelException(source + ": " + arch.ggufName()
                    + ".attention.value_length " + valueDim + " differs from key_length " + headDim);
        }
        int ffn = k.positive("feed_forward_length");
        int ctx = k.intOr("context_length", 2048);
        float eps = k.floatOr("attention.layer_norm_rms_epsilon", 1e-5f);
        float base = k.floatOr("rope.freq_base", 10000f);
        int ropeDims = k.intOr("rope.dimension_count", headDim);
        if (ropeDims <= 0 || ropeDims > headDim || ropeDims % 2 != 0) {
            throw new GgufFormatException(source + ": " + arch.ggufName() + ".rope.dimension_count = " + ropeDims
                    + " must be even and at most the head width " + headDim);
        }
        String scaling = k.stringOr("rope.scaling.type", "linear");
        float factor = k.floatOr("rope.scaling.factor", k.floatOr("rope.scale_linear", 0f));
        float freqScale = switch (scaling) {
            case "none" -> 1f;
            case "linear" -> factor == 0f ? 1f : 1f / factor;
            default -> throw new UnsupportedModelException(source + ": " + arch.ggufName()
                    + ".rope.scaling.type '" + scaling + "' is not supported (supported: none, linear)");
        };
        int window = 0;
        int pattern = 0;
        float baseLocal = base;
        float softcap = 0f;
        float attnScale = (float) (1.0 / Math.sqrt(headDim));
        if (arch == Architecture.GEMMA3) {
            window = k.intOr("attention.sliding_window", 0);
            pattern = k.intOr("attention.sliding_window_pattern", 6);
            baseLocal = k.floatOr("rope.freq_base_swa", 10000f);
            softcap = k.floatOr("final_logit_softcapping", 0f);
            if (layers == 62) { // Gemma 3 27B scales queries by dim / heads instead of the head width
                attnScale = (float) (1.0 / Math.sqrt((double) dim / heads));
            }
        }
        return new ModelConfig(arch, dim, layers, heads, kvHeads, headDim, valueDim, ffn, ctx, eps, base, freqScale,
                ropeDims, window, pattern, baseLocal, softcap, attnScale);
    }

    /** Typed access to the keys of one architecture, with errors that name file and key. */
    private record Keys(GgufMetadata md, String prefix, String source) {

        int positive(String key) {
            if (!md.contains(prefix + key)) {
                throw new GgufFormatException(source + ": missing metadata key " + prefix + key);
            }
            long v = md.getLong(prefix + key);
            if (v <= 0 || v > 1 << 24) {
                throw new GgufFormatException(source + ": " + prefix + key + " = " + v + " is out of range (1.." + (1 << 24) + ")");
            }
            return (int) v;
        }

        int intOr(String key, int fallback) {
            if (!md.contains(prefix + key)) {
                return fallback;
            }
            long v = md.getLong(prefix + key);
            if (v < 0 || v > 1 << 24) {
                throw new GgufFormatException(source + ": " + prefix + key + " = " + v + " is out of range (0.." + (1 << 24) + ")");
            }
            return (int) v;
        }

        float floatOr(String key, float fallback) {
            return md.contains(prefix + key) ? md.getFloat(prefix + key) : fallback;
        }

        String stringOr(String key, String fallback) {
            return md.contains(prefix + key) ? md.getString(prefix + key) : fallback;
        }
    }
}
