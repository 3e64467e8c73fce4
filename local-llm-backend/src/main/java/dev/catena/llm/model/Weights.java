package dev.catena.llm.model;

import dev.catena.llm.gguf.GgufFormatException;
import dev.catena.llm.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * All tensors of a model, checked against its {@link ModelConfig}. Tensors stay where the GGUF file
 * maps them; only the small norm vectors are decoded to the heap.
 *
 * @param tokenEmbedding {@code token_embd.weight}, one row per token
 * @param outputNorm     final RMSNorm weights
 * @param output         the LM head; the token embedding itself when the file ties them
 * @param ropeFreqs      Llama 3 RoPE frequency factors ({@code rope_freqs.weight}), or {@code null}
 */
public record Weights(Tensor tokenEmbedding, float[] outputNorm, Tensor output, List<LayerWeights> layers,
                      float[] ropeFreqs) {

    /** Finds a tensor by GGUF name; returns {@code null} when the file has none. */
    @FunctionalInterface
    public interface TensorLookup {
        Tensor find(String name);
    }

    /** Number of tokens the embedding table holds. */
    public int vocabularySize() {
        return tokenEmbedding.rows();
    }

    /**
     * Looks up and checks every tensor the configuration needs.
     *
     * @param source the file name, used in error messages
     * @throws GgufFormatException naming the file and tensor when one is missing or has the wrong shape
     */
    public static Weights load(ModelConfig c, TensorLookup lookup, String source) {
        Loader l = new Loader(lookup, source);
        Tensor embd = l.required("token_embd.weight", c.dim(), -1);
        dev.catena.llm.gguf.PageAdvice.randomAccess(embd.blockData()); // read one row per token
        int vocab = embd.rows();
        Tensor output = l.optional("output.weight", c.dim(), vocab);
        float[] outNorm = l.vector("output_norm.weight", c.dim());
        Tensor ropeFreqs = l.optional("rope_freqs.weight", c.ropeDims() / 2, 1);
        List<LayerWeights> layers = new ArrayList<>(c.layers());
        Architecture a = c.architecture();
        for (int i = 0; i < c.layers(); i++) {
            String p = "blk." + i + ".";
            layers.add(new LayerWeights(
                    Tensor.f32(l.vector(p + "attn_norm.weight", c.dim())),
                    l.required(p + "attn_q.weight", c.dim(), c.queryDim()),
                    l.required(p + "attn_k.weight", c.dim(), c.kvDim()),
                    l.required(p + "attn_v.weight", c.dim(), c.kvValueDim()),
                    l.required(p + "attn_output.weight", c.queryDim(), c.dim()),
                    l.optional(p + "attn_q.bias", c.queryDim(), 1),
                    l.optional(p + "attn_k.bias", c.kvDim(), 1),
                    l.optional(p + "attn_v.bias", c.kvValueDim(), 1),
                    a.qkNorm() ? Tensor.f32(l.vector(p + "attn_q_norm.weight", c.headDim())) : null,
                    a.qkNorm() ? Tensor.f32(l.vector(p + "attn_k_norm.weight", c.headDim())) : null,
                    a.postNorms() ? Tensor.f32(l.vector(p + "post_attention_norm.weight", c.dim())) : null,
                    Tensor.f32(l.vector(p + "ffn_norm.weight", c.dim())),
                    l.required(p + "ffn_gate.weight", c.dim(), c.ffnDim()),
                    l.required(p + "ffn_up.weight", c.dim(), c.ffnDim()),
                    l.required(p + "ffn_down.weight", c.ffnDim(), c.dim()),
                    a.postNorms() ? Tensor.f32(l.vector(p + "post_ffw_norm.weight", c.dim())) : null));
        }
        return new Weights(embd, outNorm, output != null ? output : embd, List.copyOf(layers),
                ropeFreqs == null ? null : toArray(ropeFreqs));
    }

    private static float[] toArray(Tensor t) {
        float[] out = new float[t.columns()];
        t.dequantizeRow(0, out, 0);
        return out;
    }

    private record Loader(TensorLookup lookup, String source) {

        Tensor required(String name, int columns, int rows) {
            Tensor t = optional(name, columns, rows);
            if (t == null) {
                throw new GgufFormatException(source + ": missing tensor " + name);
            }
            return t;
        }

        Tensor optional(String name, int columns, int rows) {
            Tensor t = lookup.find(name);
            if (t != null && (t.columns() != columns || (rows >= 0 && t.rows() != rows))) {
                throw new GgufFormatException(source + ": tensor " + name + " has shape " + Arrays.toString(t.shape())
                        + ", expected [" + columns + (rows >= 0 ? ", " + rows : ", *") + "]");
            }
            return t;
        }

        float[] vector(String name, int length) {
            return toArray(required(name, length, 1));
        }
    }
}
