package dev.catena.llm.model;

import dev.catena.llm.tensor.Tensor;

import java.util.Objects;

/**
 * The forward pass of a decoder-only Transformer ({@link Architecture}): token ids in, next-token
 * logits out, keys and values appended to a {@link KvCache}. Immutable and thread-safe; each
 * conversation brings its own cache. Matrix products go through {@link Compute}.
 */
public final class Transformer {

    private final ModelConfig config;
    private final Weights weights;
    private final Compute compute;

    public Transformer(ModelConfig config, Weights weights, Compute compute) {
        this.config = Objects.requireNonNull(config, "config");
        this.weights = Objects.requireNonNull(weights, "weights");
        this.compute = Objects.requireNonNull(compute, "compute");
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

    /** A new, empty cache for one conversation. */
    public KvCache newCache(int contextLength) {
        return new KvCache(config, contextLength);
    }

    /**
     * Processes {@code tokens} at the next positions of {@code cache} in one batch (a whole prompt, or a
     * single sampled token) and returns the logits of the last position, or of every position when
     * {@code allLogits} is set.
     *
     * @throws ContextLengthExceededException when the cache cannot hold the tokens
     * @throws IllegalArgumentException       for a token id outside the vocabulary
     */
    public float[][] forward(int[] tokens, KvCache cache, boolean allLogits) {
        int n = tokens.length;
        if (n == 0) {
            throw new IllegalArgumentException("forward needs at least one token");
        }
        ModelConfig c = config;
        int pos0 = cache.length();
        cache.ensureCapacity(pos0 + n);
        int dim = c.dim();
        float[][] x = new float[n][dim];
        float embScale = (float) Math.sqrt(dim);
        for (int b = 0; b < n; b++) {
            int t = tokens[b];
            if (t < 0 || t >= weights.vocabularySize()) {
                throw new IllegalArgumentException("token id " + t + " at index " + b
                        + " is outside the vocabulary (0.." + (weights.vocabularySize() - 1) + ")");
            }
            weights.tokenEmbedding().dequantizeRow(t, x[b], 0);
            if (c.architecture().scaledEmbedding()) {
                scale(x[b], embScale);
            }
        }
        float[][] xb = new float[n][dim];
        float[][] q = new float[n][c.queryDim()];
        float[][] k = new float[n][c.kvDim()];
        float[][] v = new float[n][c.kvValueDim()];
        float[][] att = new float[n][c.queryDim()];
        float[][] out = new float[n][dim];
        float[][] gate = new float[n][c.ffnDim()];
        float[][] up = new float[n][c.ffnDim()];
        for (int l = 0; l < c.layers(); l++) {
            LayerWeights lw = weights.layers().get(l);
            boolean sliding = c.isSlidingWindowLayer(l);
            float base = sliding ? c.ropeBaseLocal() : c.ropeBase();
            float freqScale = sliding ? 1f : c.ropeFreqScale();
            for (int b = 0; b < n; b++) {
                rmsNorm(xb[b], x[b], lw.attnNorm(), c.rmsEps());
            }
            compute.matMul(lw.wq(), xb, q);
            compute.matMul(lw.wk(), xb, k);
            compute.matMul(lw.wv(), xb, v);
            for (int b = 0; b < n; b++) {
                addBias(q[b], lw.bq());
                addBias(k[b], lw.bk());
                addBias(v[b], lw.bv());
                if (lw.qNorm() != null) {
                    headNorm(q[b], c.heads(), lw.qNorm());
                    headNorm(k[b], c.kvHeads(), lw.kNorm());
                }
                float[][] cosSin = ropeTable(pos0 + b, base, freqScale);
                rope(q[b], c.heads(), cosSin);
                rope(k[b], c.kvHeads(), cosSin);
                System.arraycopy(k[b], 0, cache.keys(l), (pos0 + b) * c.kvDim(), c.kvDim());
                System.arraycopy(v[b], 0, cache.values(l), (pos0 + b) * c.kvValueDim(), c.kvValueDim());
            }
            int layer = l;
            compute.parallelFor(n * c.heads(), i -> attendHead(cache, layer, sliding, pos0 + i / c.heads(),
                    i % c.heads(), q[i / c.heads()], att[i / c.heads()]));
            compute.matMul(lw.wo(), att, out);
            for (int b = 0; b < n; b++) {
                if (lw.attnPostNorm() != null) {
                    rmsNorm(out[b], out[b], lw.attnPostNorm(), c.rmsEps());
                }
                add(x[b], out[b]);
                rmsNorm(xb[b], x[b], lw.ffnNorm(), c.rmsEps());
            }
            compute.matMul(lw.ffnGate(), xb, gate);
            compute.matMul(lw.ffnUp(), xb, up);
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
        Tensor normW = Tensor.f32(weights.outputNorm());
        int first = allLogits ? 0 : n - 1;
        float[][] logits = new float[n - first][vocabularySize()];
        for (int b = first; b < n; b++) {
            rmsNorm(xb[b], x[b], normW, c.rmsEps());
            compute.matVec(weights.output(), xb[b], logits[b - first]);
            if (c.logitSoftcap() > 0f) {
                float cap = c.logitSoftcap();
                float[] row = logits[b - first];
                for (int i = 0; i < row.length; i++) {
                    row[i] = (float) Math.tanh(row[i] / cap) * cap;
                }
            }
        }
        return logits;
    }

    /** Causal (optionally windowed) attention of one query head at position {@code pos}. */
    private void attendHead(KvCache cache, int layer, boolean sliding, int pos, int h, float[] q, float[] out) {
        ModelConfig c = config;
        int hd = c.headDim();
        int kvh = h / (c.heads() / c.kvHeads());
        int start = sliding ? Math.max(0, pos - c.slidingWindow() + 1) : 0;
        float[] keys = cache.keys(layer);
        float[] values = cache.values(layer);
        int kvDim = c.kvDim();
        int qOff = h * hd;
        int kOff = kvh * hd;
        float[] scores = new float[pos - start + 1];
        float max = Float.NEGATIVE_INFINITY;
        for (int j = start; j <= pos; j++) {
            int base = j * kvDim + kOff;
            float s = 0f;
            for (int d = 0; d < hd; d++) {
                s += q[qOff + d] * keys[base + d];
            }
            s *= c.attentionScale();
            scores[j - start] = s;
            max = Math.max(max, s);
        }
        double sum = 0;
        for (int i = 0; i < scores.length; i++) {
            float e = (float) Math.exp(scores[i] - max);
            scores[i] = e;
            sum += e;
        }
        float inv = (float) (1.0 / sum);
        java.util.Arrays.fill(out, qOff, qOff + hd, 0f);
        for (int j = start; j <= pos; j++) {
            float a = scores[j - start] * inv;
            int base = j * kvDim + kOff;
            for (int d = 0; d < hd; d++) {
                out[qOff + d] += a * values[base + d];
            }
        }
    }

    /** cos and sin of each rotated pair at one position, as ggml computes them. */
    private float[][] ropeTable(int pos, float base, float freqScale) {
        int pairs = config.ropeDims() / 2;
        float[] cos = new float[pairs];
        float[] sin = new float[pairs];
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
        return new float[][] {cos, sin};
    }

    private void rope(float[] vec, int heads, float[][] cosSin) {
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
                vec[i0] = x0 * cosSin[0][i] - x1 * cosSin[1][i];
                vec[i1] = x0 * cosSin[1][i] + x1 * cosSin[0][i];
            }
        }
    }

    private void headNorm(float[] vec, int heads, Tensor weight) {
        int hd = config.headDim();
        float[] tmp = new float[hd];
        for (int h = 0; h < heads; h++) {
            System.arraycopy(vec, h * hd, tmp, 0, hd);
            rmsNorm(tmp, tmp, weight, config.rmsEps());
            System.arraycopy(tmp, 0, vec, h * hd, hd);
        }
    }

    private void activate(float[] gate, float[] up) {
        boolean gelu = config.architecture().activation() == Architecture.Activation.GELU_TANH;
        for (int i = 0; i < gate.length; i++) {
            float g = gate[i];
            float a = gelu
                    ? 0.5f * g * (1f + (float) Math.tanh(0.7978845608028654 * g * (1.0 + 0.044715 * g * g)))
                    : g / (1f + (float) Math.exp(-g));
            gate[i] = a * up[i];
        }
    }

    /** {@code out = x / rms(x) * w}, the sum of squares accumulated in double as ggml does. */
    static void rmsNorm(float[] out, float[] x, Tensor w, float eps) {
        double ss = 0;
        for (float f : x) {
            ss += (double) f * f;
        }
        float scale = (float) (1.0 / Math.sqrt((float) (ss / x.length) + eps));
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i] * scale * w.get(i);
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
