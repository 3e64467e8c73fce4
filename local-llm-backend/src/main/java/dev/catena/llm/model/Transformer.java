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
        if (cache != null && n <= KvCache.SMALL_BATCH) {
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
        s.single(cache, tokens, from);
        try {
            layers(s, 1);
        } finally {
            s.clearSegments();
        }
    }

    /**
     * Runs the {@code segments} sequences set in {@code s} (see {@link ForwardState#caches}) through every layer
     * as one batch: every matrix is streamed once for all rows, while each row's position, RoPE, key and value
     * writes and attention belong to its own cache. The final hidden vectors are left in {@code s.x}.
     */
    private void layers(ForwardState s, int segments) {
        ModelConfig c = config;
        int n = s.batch();
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
        for (int seg = 0; seg < segments; seg++) {
            for (int b = s.rows[seg]; b < s.rows[seg + 1]; b++) {
                int pos = s.pos0[seg] + b - s.rows[seg];
                compute.embed(weights.tokenEmbedding(), s.tokens[seg][s.from[seg] + b - s.rows[seg]], x[b]);
                if (c.architecture().scaledEmbedding()) {
                    scale(x[b], embScale);
                }
                ropeTable(pos, c.ropeBase(), c.ropeFreqScale(), s.cosGlobal[b], s.sinGlobal[b]);
                if (c.slidingWindow() > 0) {
                    ropeTable(pos, c.ropeBaseLocal(), 1f, s.cosLocal[b], s.sinLocal[b]);
                }
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
            for (int seg = 0; seg < segments; seg++) {
                for (int b = s.rows[seg]; b < s.rows[seg + 1]; b++) {
                    addBias(q[b], lw.bq());
                    addBias(k[b], lw.bk());
                    addBias(v[b], lw.bv());
                    if (lw.qNorm() != null) {
                        headNorm(q[b], c.heads(), lw.qNorm());
                        headNorm(k[b], c.kvHeads(), lw.kNorm());
                    }
                    rope(q[b], c.heads(), cos[b], sin[b]);
                    rope(k[b], c.kvHeads(), cos[b], sin[b]);
                    s.caches[seg].write(l, s.pos0[seg] + b - s.rows[seg], k[b], v[b]);
                }
            }
            if (segments == 1) {
                s.attention.run(compute, s.caches[0], l, sliding, s.pos0[0], q, att);
            } else {
                s.attention.run(compute, s.caches, s.pos0, s.rows, segments, l, sliding, q, att);
            }
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
        for (int seg = 0; seg < segments; seg++) {
            s.caches[seg].setLength(s.pos0[seg] + s.rows[seg + 1] - s.rows[seg]);
        }
    }

    /**
     * One step of batched decoding: for each sequence i, processes {@code tokens[i][from[i], to[i])} at the next
     * positions of {@code caches[i]} (one sampled token, or a chunk of a prompt), all of them in one pass of the
     * layers so that each weight matrix is read once for the whole batch. Returns, for each i with
     * {@code logits[i]} set, the logits after its last token (the array of its cache, overwritten by its next
     * step), else {@code null}. A sequence gets the same logits as through {@link #forwardLast} alone (the
     * kernels compute each row the same way whatever the batch).
     *
     * @throws ContextLengthExceededException when a cache cannot hold its tokens (no cache is changed)
     * @throws IllegalArgumentException       for an empty range, a token outside the vocabulary or a cache twice
     */
    float[][] forwardBatch(KvCache[] caches, int[][] tokens, int[] from, int[] to, boolean[] logits) {
        int segments = caches.length;
        int n = 0;
        for (int i = 0; i < segments; i++) {
            java.util.Objects.checkFromToIndex(from[i], to[i], tokens[i].length);
            if (from[i] == to[i]) {
                throw new IllegalArgumentException("forward needs at least one token (sequence " + i + ")");
            }
            for (int j = 0; j < i; j++) {
                if (caches[j] == caches[i]) {
                    throw new IllegalArgumentException("sequences " + j + " and " + i + " share one KV cache");
                }
            }
            n += to[i] - from[i];
        }
        for (int i = 0; i < segments; i++) {
            check(tokens[i], from[i], to[i], caches[i]);
        }
        ForwardState s = n <= MAX_BATCH ? acquire(null, n) : new ForwardState(config, n).use(n);
        s.segments(segments);
        try {
            int row = 0;
            for (int i = 0; i < segments; i++) {
                s.caches[i] = caches[i];
                s.tokens[i] = tokens[i];
                s.from[i] = from[i];
                s.pos0[i] = caches[i].length();
                s.rows[i] = row;
                row += to[i] - from[i];
            }
            s.rows[segments] = row;
            layers(s, segments);
            return logits(s, segments, logits);
        } finally {
            s.clearSegments();
            release(s);
        }
    }

    /** The logits after the last row of each segment that asks for them, the LM head streamed once for all. */
    private float[][] logits(ForwardState s, int segments, boolean[] wanted) {
        float[][] result = new float[segments][];
        int count = 0;
        for (int i = 0; i < segments; i++) {
            count += wanted[i] ? 1 : 0;
        }
        if (count == 0) {
            return result;
        }
        float[][] in = new float[count][];
        float[][] outRows = new float[count][];
        int r = 0;
        for (int i = 0; i < segments; i++) {
            if (wanted[i]) {
                int b = s.rows[i + 1] - 1;
                rmsNorm(s.xb[b], s.x[b], outputNorm, config.rmsEps());
                in[r] = s.xb[b];
                outRows[r] = s.caches[i].logits(vocabularySize());
                result[i] = outRows[r++];
            }
        }
        if (count == 1) {
            compute.matVec(weights.output(), in[0], outRows[0]);
        } else {
            compute.matMul(weights.output(), in, outRows);
        }
        for (float[] row : outRows) {
            softcap(row);
        }
        return result;
    }

    /** The logits of batch row {@code b} of {@code s}: final norm, LM head, optional soft-capping. */
    private void logits(ForwardState s, int b, float[] logits) {
        rmsNorm(s.xb[b], s.x[b], outputNorm, config.rmsEps());
        compute.matVec(weights.output(), s.xb[b], logits);
        softcap(logits);
    }

    private void softcap(float[] logits) {
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
