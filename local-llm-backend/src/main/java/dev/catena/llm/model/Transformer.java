package dev.catena.llm.model;

import dev.catena.llm.compute.Compute;
import dev.catena.llm.compute.VectorMath;
import dev.catena.llm.tensor.Tensor;

import java.util.Objects;

/**
 * The forward pass of a decoder-only Transformer ({@link Architecture}): token ids in, next-token
 * logits out, keys and values appended to a {@link KvCache}. Immutable and thread-safe; each
 * conversation brings its own cache, which also holds the working buffers, so a generation step
 * allocates nothing. Matrix products go through {@link Compute}, attention through
 * {@link CausalAttention} (tiled, online softmax).
 */
public final class Transformer {

    private final ModelConfig config;
    private final Weights weights;
    private final Compute compute;
    private final Tensor outputNorm;
    /** Per layer, {@code {wq, wk, wv}} and {@code {gate, up}}: the matrices that share an input. */
    private final Tensor[][] qkv;
    private final Tensor[][] gateUp;
    /** Buffers for prompt batches, shared by the conversations (one prompt at a time holds them). */
    private final java.util.concurrent.atomic.AtomicReference<ForwardState> largeState =
            new java.util.concurrent.atomic.AtomicReference<>();

    public Transformer(ModelConfig config, Weights weights, Compute compute) {
        this.config = Objects.requireNonNull(config, "config");
        this.weights = Objects.requireNonNull(weights, "weights");
        this.compute = Objects.requireNonNull(compute, "compute");
        this.outputNorm = Tensor.f32(weights.outputNorm());
        this.qkv = weights.layers().stream().map(l -> new Tensor[] {l.wq(), l.wk(), l.wv()}).toArray(Tensor[][]::new);
        this.gateUp = weights.layers().stream().map(l -> new Tensor[] {l.ffnGate(), l.ffnUp()}).toArray(Tensor[][]::new);
    }

    public ModelConfig config() {
        return config;
    }

    public Weights weights() {
        return weights;
    }

    public Compute compute() {
        return compute;
    }

    /** Number of logits per position. */
    public int vocabularySize() {
        return weights.output().rows();
    }

    /** A new, empty F32 cache for one conversation. */
    public KvCache newCache(int contextLength) {
        return new KvCache(config, contextLength);
    }

    /** A new, empty cache for one conversation, storing keys and values as {@code type}. */
    public KvCache newCache(int contextLength, KvCacheType type) {
        return new KvCache(config, contextLength, type);
    }

    /**
     * Processes {@code tokens[from, to)} at the next positions of {@code cache} (a whole prompt, or one
     * sampled token) and returns the logits after the last of them. The array belongs to the cache and is
     * overwritten by its next step; a single-token step allocates nothing. Prompts longer than
     * {@link #MAX_BATCH} tokens go through in batches of that size.
     *
     * @throws ContextLengthExceededException when the cache cannot hold the tokens (the cache is unchanged)
     * @throws IllegalArgumentException       for an empty range or a token id outside the vocabulary
     */
    public float[] forwardLast(int[] tokens, int from, int to, KvCache cache) {
        check(tokens, from, to, cache);
        float[] logits = cache.logits(vocabularySize());
        for (int b = from; b < to; b += MAX_BATCH) {
            int end = Math.min(to, b + MAX_BATCH);
            ForwardState s = acquire(cache, end - b);
            try {
                layers(s, tokens, b, cache);
                if (end == to) {
                    logits(s, s.batch() - 1, logits);
                }
            } finally {
                release(s);
            }
        }
        return logits;
    }

    /**
     * Like {@link #forwardLast} over all of {@code tokens}, returning new arrays: the logits of the last
     * position, or of every position when {@code allLogits} is set.
     */
    public float[][] forward(int[] tokens, KvCache cache, boolean allLogits) {
        int n = tokens.length;
        check(tokens, 0, n, cache);
        float[][] logits = new float[allLogits ? n : 1][];
        for (int b = 0; b < n; b += MAX_BATCH) {
            int end = Math.min(n, b + MAX_BATCH);
            ForwardState s = acquire(cache, end - b);
            try {
                layers(s, tokens, b, cache);
                for (int i = allLogits ? 0 : end - b - 1; i < end - b && (allLogits || end == n); i++) {
                    float[] row = new float[vocabularySize()];
                    logits(s, i, row);
                    logits[allLogits ? b + i : 0] = row;
                }
            } finally {
                release(s);
            }
        }
        return logits;
    }

    /** The most tokens one pass of the layers takes; longer prompts are split (bounding the activations). */
    static final int MAX_BATCH = 128;

    /** Working buffers for a batch of {@code n}: the cache's own for small batches, else the shared large ones. */
    private ForwardState acquire(KvCache cache, int n) {
        if (n <= KvCache.SMALL_BATCH) {
            return cache.smallState(config, n);
        }
        ForwardState s = largeState.getAndSet(null); // another conversation's prompt may hold it: then make one
        return (s != null ? s : new ForwardState(config, MAX_BATCH)).use(n);
    }

    private void release(ForwardState s) {
        if (s.capacity() == MAX_BATCH) {
            largeState.set(s);
        }
    }

    private void check(int[] tokens, int from, int to, KvCache cache) {
        java.util.Objects.checkFromToIndex(from, to, tokens.length);
        if (from == to) {
            throw new IllegalArgumentException("forward needs at least one token");
        }
        for (int b = from; b < to; b++) {
            int t = tokens[b];
            if (t < 0 || t >= weights.vocabularySize()) {
                throw new IllegalArgumentException("token id " + t + " at index " + b
                        + " is outside the vocabulary (0.." + (weights.vocabularySize() - 1) + ")");
            }
        }
        cache.ensureCapacity(cache.length() + to - from);
    }

    /**
     * Runs {@code s.batch()} tokens from {@code tokens[from]} through every layer, appending their keys and
     * values to the cache; their final hidden vectors are left in {@code s.x}.
     */
    private void layers(ForwardState s, int[] tokens, int from, KvCache cache) {
        ModelConfig c = config;
        int n = s.batch();
        int pos0 = cache.length();
        float[][] x = s.x;
        float[][] xb = s.xb;
        float[][] q = s.q;
        float[][] k = s.k;
        float[][] v = s.v;
        float[][] att = s.att;
        float[][] out = s.out;
        float[][] gate = s.gate;
        float[][] up = s.up;
        float embScale = (float) Math.sqrt(c.dim());
        for (int b = 0; b < n; b++) {
            compute.embed(weights.tokenEmbedding(), tokens[from + b], x[b]);
            if (c.architecture().scaledEmbedding()) {
                scale(x[b], embScale);
            }
            ropeTable(pos0 + b, c.ropeBase(), c.ropeFreqScale(), s.cosGlobal[b], s.sinGlobal[b]);
            if (c.slidingWindow() > 0) {
                ropeTable(pos0 + b, c.ropeBaseLocal(), 1f, s.cosLocal[b], s.sinLocal[b]);
            }
        }
        for (int l = 0; l < c.layers(); l++) {
            LayerWeights lw = weights.layers().get(l);
            boolean sliding = c.isSlidingWindowLayer(l);
            float[][] cos = sliding ? s.cosLocal : s.cosGlobal;
            float[][] sin = sliding ? s.sinLocal : s.sinGlobal;
            for (int b = 0; b < n; b++) {
                rmsNorm(xb[b], x[b], lw.attnNorm(), c.rmsEps());
            }
            compute.matMulEach(qkv[l], xb, s.qkv);
            for (int b = 0; b < n; b++) {
                addBias(q[b], lw.bq());
                addBias(k[b], lw.bk());
                addBias(v[b], lw.bv());
                if (lw.qNorm() != null) {
                    headNorm(q[b], c.heads(), lw.qNorm());
                    headNorm(k[b], c.kvHeads(), lw.kNorm());
                }
                rope(q[b], c.heads(), cos[b], sin[b]);
                rope(k[b], c.kvHeads(), cos[b], sin[b]);
                cache.write(l, pos0 + b, k[b], v[b]);
            }
            s.attention.run(compute, cache, l, sliding, pos0, q, att);
            compute.matMul(lw.wo(), att, out);
            for (int b = 0; b < n; b++) {
                if (lw.attnPostNorm() != null) {
                    rmsNorm(out[b], out[b], lw.attnPostNorm(), c.rmsEps());
                }
                add(x[b], out[b]);
                rmsNorm(xb[b], x[b], lw.ffnNorm(), c.rmsEps());
            }
            compute.matMulEach(gateUp[l], xb, s.gateUp);
            for (int b = 0; b < n; b++) {
                activate(gate[b], up[b]);
            }
            compute.matMul(lw.ffnDown(), gate, out);
            for (int b = 0; b < n; b++) {
                if (lw.ffnPostNorm() != null) {
                    rmsNorm(out[b], out[b], lw.ffnPostNorm(), c.rmsEps());
                }
                add(x[b], out[b]);
            }
        }
        cache.setLength(pos0 + n);
    }

    /** The logits of batch row {@code b} of {@code s}: final norm, LM head, optional soft-capping. */
    private void logits(ForwardState s, int b, float[] logits) {
        rmsNorm(s.xb[b], s.x[b], outputNorm, config.rmsEps());
        compute.matVec(weights.output(), s.xb[b], logits);
        if (config.logitSoftcap() > 0f) {
            float cap = config.logitSoftcap();
            for (int i = 0; i < logits.length; i++) {
                logits[i] = (float) Math.tanh(logits[i] / cap) * cap;
            }
        }
    }

    /** cos and sin of each rotated pair at one position, as ggml computes them. */
    private void ropeTable(int pos, float base, float freqScale, float[] cos, float[] sin) {
        int pairs = config.ropeDims() / 2;
        float thetaScale = (float) Math.pow(base, -2.0 / config.ropeDims());
        float[] factors = weights.ropeFreqs();
        float theta = pos;
        for (int i = 0; i < pairs; i++) {
            float ff = factors == null ? 1f : factors[i];
            float angle = freqScale * (theta / ff);
            cos[i] = (float) Math.cos(angle);
            sin[i] = (float) Math.sin(angle);
            theta *= thetaScale;
        }
    }

    private void rope(float[] vec, int heads, float[] cos, float[] sin) {
        int hd = config.headDim();
        int half = config.ropeDims() / 2;
        boolean neox = config.architecture().ropeStyle() == Architecture.RopeStyle.NEOX;
        for (int h = 0; h < heads; h++) {
            int off = h * hd;
            for (int i = 0; i < half; i++) {
                int i0 = neox ? off + i : off + 2 * i;
                int i1 = neox ? off + i + half : off + 2 * i + 1;
                float x0 = vec[i0];
                float x1 = vec[i1];
                vec[i0] = x0 * cos[i] - x1 * sin[i];
                vec[i1] = x0 * sin[i] + x1 * cos[i];
            }
        }
    }

    private void headNorm(float[] vec, int heads, Tensor weight) {
        int hd = config.headDim();
        for (int h = 0; h < heads; h++) {
            rmsNorm(vec, h * hd, vec, h * hd, hd, weight, config.rmsEps());
        }
    }

    private void activate(float[] gate, float[] up) {
        if (config.architecture().activation() == Architecture.Activation.GELU_TANH) {
            VectorMath.geluTimes(gate, up);
        } else {
            VectorMath.siluTimes(gate, up);
        }
    }

    /** {@code out = x / rms(x) * w}, the sum of squares accumulated in double as ggml does. */
    static void rmsNorm(float[] out, float[] x, Tensor w, float eps) {
        rmsNorm(out, 0, x, 0, x.length, w, eps);
    }

    /** {@link #rmsNorm} over {@code n} elements from the given offsets (one head of a vector). */
    static void rmsNorm(float[] out, int outOff, float[] x, int xOff, int n, Tensor w, float eps) {
        double ss = 0;
        for (int i = xOff; i < xOff + n; i++) {
            ss += (double) x[i] * x[i];
        }
        float scale = (float) (1.0 / Math.sqrt((float) (ss / n) + eps));
        for (int i = 0; i < n; i++) {
            out[outOff + i] = x[xOff + i] * scale * w.get(i);
        }
    }

    private static void addBias(float[] v, Tensor bias) {
        if (bias != null) {
            for (int i = 0; i < v.length; i++) {
                v[i] += bias.get(i);
            }
        }
    }

    private static void add(float[] acc, float[] v) {
        for (int i = 0; i < acc.length; i++) {
            acc[i] += v[i];
        }
    }

    private static void scale(float[] v, float s) {
        for (int i = 0; i < v.length; i++) {
            v[i] *= s;
        }
    }
}
