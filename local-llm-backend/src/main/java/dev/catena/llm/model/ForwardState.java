package dev.catena.llm.model;

import java.util.Arrays;

/**
 * The working buffers of a forward pass over a batch of up to {@link #capacity()} tokens: activations,
 * the RoPE rotations of each position, and the attention job. {@link #use} sets the batch size; the
 * row arrays below then hold exactly that many rows (views of the same buffers, so a batch of the size
 * used last allocates nothing). A {@link KvCache} keeps a small one for generation steps; a
 * {@link Transformer} shares one large one between the prompts of its conversations. Not thread-safe.
 */
final class ForwardState {

    private final float[][][] buffers;
    private int batch = -1;
    float[][] x;
    float[][] xb;
    float[][] q;
    float[][] k;
    float[][] v;
    float[][] att;
    float[][] out;
    float[][] gate;
    float[][] up;
    /** {@code {q, k, v}} and {@code {gate, up}}, the outputs of the layer's two fused products. */
    final float[][][] qkv = new float[3][][];
    final float[][][] gateUp = new float[2][][];
    /** cos and sin of each rotated pair at each position, for global and for sliding-window layers. */
    float[][] cosGlobal;
    float[][] sinGlobal;
    float[][] cosLocal;
    float[][] sinLocal;
    final CausalAttention attention;
    /**
     * The sequences of the batch: segment i is rows {@code rows[i] <= b < rows[i + 1]}, the tokens
     * {@code tokens[i][from[i] + b - rows[i]]} at positions {@code pos0[i] + b - rows[i]} of {@code caches[i]}.
     */
    KvCache[] caches = new KvCache[1];
    int[][] tokens = new int[1][];
    int[] from = new int[1];
    int[] pos0 = new int[1];
    int[] rows = new int[2];

    ForwardState(ModelConfig c, int capacity) {
        int pairs = c.ropeDims() / 2;
        int[] widths = {c.dim(), c.dim(), c.queryDim(), c.kvDim(), c.kvValueDim(), c.queryDim(), c.dim(),
                c.ffnDim(), c.ffnDim(), pairs, pairs, pairs, pairs};
        buffers = new float[widths.length][][];
        for (int i = 0; i < widths.length; i++) {
            buffers[i] = new float[capacity][widths[i]];
        }
        attention = new CausalAttention(c);
    }

    /** Makes room for {@code n} segments. */
    void segments(int n) {
        if (caches.length < n) {
            caches = new KvCache[n];
            tokens = new int[n][];
            from = new int[n];
            pos0 = new int[n];
            rows = new int[n + 1];
        }
    }

    /** Sets the batch to one segment: {@code batch()} tokens of {@code tokens} from {@code from}, appended to {@code cache}. */
    void single(KvCache cache, int[] tokens, int from) {
        caches[0] = cache;
        this.tokens[0] = tokens;
        this.from[0] = from;
        pos0[0] = cache.length();
        rows[0] = 0;
        rows[1] = batch;
    }

    /** Drops the references to caches and token arrays held for the last pass. */
    void clearSegments() {
        java.util.Arrays.fill(caches, null);
        java.util.Arrays.fill(tokens, null);
    }

    int capacity() {
        return buffers[0].length;
    }

    /** Makes the row arrays hold {@code n} rows, at most {@link #capacity()}. */
    ForwardState use(int n) {
        if (n != batch) {
            float[][][] b = new float[buffers.length][][];
            for (int i = 0; i < b.length; i++) {
                b[i] = n == capacity() ? buffers[i] : Arrays.copyOf(buffers[i], n);
            }
            x = b[0];
            xb = b[1];
            q = b[2];
            k = b[3];
            v = b[4];
            att = b[5];
            out = b[6];
            gate = b[7];
            up = b[8];
            cosGlobal = b[9];
            sinGlobal = b[10];
            cosLocal = b[11];
            sinLocal = b[12];
            qkv[0] = q;
            qkv[1] = k;
            qkv[2] = v;
            gateUp[0] = gate;
            gateUp[1] = up;
            batch = n;
        }
        return this;
    }

    int batch() {
        return batch;
    }
}
