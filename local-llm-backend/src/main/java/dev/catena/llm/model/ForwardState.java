package dev.catena.llm.model;

/**
 * The working buffers of one forward pass over a batch of {@link #batch()} tokens: activations, the
 * RoPE rotations of each position, the logits, and the attention job. A {@link KvCache} keeps the ones
 * of single-token steps, so that generating a token allocates nothing. Not thread-safe.
 */
final class ForwardState {

    private final int batch;
    final float[][] x;
    final float[][] xb;
    final float[][] q;
    final float[][] k;
    final float[][] v;
    final float[][] att;
    final float[][] out;
    final float[][] gate;
    final float[][] up;
    /** cos and sin of each rotated pair at each position, for global and for sliding-window layers. */
    final float[][] cosGlobal;
    final float[][] sinGlobal;
    final float[][] cosLocal;
    final float[][] sinLocal;
    /** The logits of the last position. */
    final float[] logits;
    final CausalAttention attention;

    ForwardState(ModelConfig c, int vocabulary, int batch) {
        this.batch = batch;
        x = new float[batch][c.dim()];
        xb = new float[batch][c.dim()];
        q = new float[batch][c.queryDim()];
        k = new float[batch][c.kvDim()];
        v = new float[batch][c.kvValueDim()];
        att = new float[batch][c.queryDim()];
        out = new float[batch][c.dim()];
        gate = new float[batch][c.ffnDim()];
        up = new float[batch][c.ffnDim()];
        int pairs = c.ropeDims() / 2;
        cosGlobal = new float[batch][pairs];
        sinGlobal = new float[batch][pairs];
        cosLocal = c.slidingWindow() > 0 ? new float[batch][pairs] : cosGlobal;
        sinLocal = c.slidingWindow() > 0 ? new float[batch][pairs] : sinGlobal;
        logits = new float[vocabulary];
        attention = new CausalAttention(c);
    }

    int batch() {
        return batch;
    }
}
