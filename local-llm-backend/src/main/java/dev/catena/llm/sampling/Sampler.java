package dev.catena.llm.sampling;

import dev.catena.llm.constraint.mask.TokenMask;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

/**
 * Picks the next token from logits by {@link SamplingParams}. One sampler per generation (it owns the
 * seeded random source); not thread-safe.
 */
public final class Sampler {

    private final SamplingParams params;
    private final Random random;

    public Sampler(SamplingParams params) {
        this.params = params;
        this.random = new Random(params.seed());
    }

    public SamplingParams params() {
        return params;
    }

    /**
     * Chooses a token.
     *
     * @param logits  the model's logits (modified in place by the penalties)
     * @param history tokens so far (prompt and generated), used by the penalties
     * @param length  how many entries of {@code history} are valid
     */
    public int sample(float[] logits, int[] history, int length) {
        return sample(logits, history, length, null);
    }

    /**
     * Chooses a token among those {@code allowed} (all when {@code null}): the disallowed ones get negative
     * infinite logits before the penalties and every filter, so greedy and sampled decoding both respect the mask.
     */
    public int sample(float[] logits, int[] history, int length, TokenMask allowed) {
        if (allowed != null) {
            allowed.apply(logits);
        }
        applyPenalties(logits, history, length);
        if (params.isGreedy()) {
            return argmax(logits);
        }
        int keep = params.topK() > 0 ? Math.min(params.topK(), logits.length) : logits.length;
        int[] order = best(logits, keep);
        // softmax over the kept candidates at temperature 1 for the top-p / min-p filters
        double max = logits[order[0]];
        double[] p = new double[keep];
        double sum = 0;
        for (int i = 0; i < keep; i++) {
            p[i] = Math.exp(logits[order[i]] - max);
            sum += p[i];
        }
        if (params.topP() < 1.0) {
            double cum = 0;
            for (int i = 0; i < keep; i++) {
                cum += p[i] / sum;
                if (cum >= params.topP()) {
                    keep = i + 1;
                    break;
                }
            }
        }
        if (params.minP() > 0) {
            double threshold = params.minP() * p[0];
            int k = 1;
            while (k < keep && p[k] >= threshold) {
                k++;
            }
            keep = k;
        }
        double[] w = new double[keep];
        double total = 0;
        double t = params.temperature();
        for (int i = 0; i < keep; i++) {
            w[i] = Math.exp((logits[order[i]] - max) / t);
            total += w[i];
        }
        double r = random.nextDouble() * total;
        for (int i = 0; i < keep; i++) {
            r -= w[i];
            if (r < 0) {
                return order[i];
            }
        }
        return order[keep - 1];
    }

    private void applyPenalties(float[] logits, int[] history, int length) {
        int lastN = params.penaltyLastN() == -1 ? length : Math.min(params.penaltyLastN(), length);
        boolean active = params.repetitionPenalty() != 1.0 || params.frequencyPenalty() != 0.0
                || params.presencePenalty() != 0.0;
        if (lastN == 0 || !active) {
            return;
        }
        Map<Integer, Integer> counts = new HashMap<>();
        for (int i = length - lastN; i < length; i++) {
            counts.merge(history[i], 1, Integer::sum);
        }
        float rep = (float) params.repetitionPenalty();
        counts.forEach((token, count) -> {
            if (token < 0 || token >= logits.length) {
                return;
            }
            float l = logits[token];
            l = l > 0 ? l / rep : l * rep;
            l -= (float) (count * params.frequencyPenalty() + params.presencePenalty());
            logits[token] = l;
        });
    }

    /**
     * The indices of the {@code k} largest logits, largest first, the lower index first on ties (the order a
     * stable sort by descending logit gives). Each candidate is one long, {@link #rank}, so there is no boxing:
     * a bounded heap selects k of them (n log k), or a primitive sort orders all of them when k = n.
     */
    static int[] best(float[] logits, int k) {
        int n = logits.length;
        long[] keys = new long[Math.min(k, n)];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = rank(logits[i], i);
        }
        if (k < n) { // keys becomes a max-heap of the k best (smallest) ranks so far
            for (int i = k / 2 - 1; i >= 0; i--) {
                siftDown(keys, i, k);
            }
            for (int i = k; i < n; i++) {
                long r = rank(logits[i], i);
                if (r < keys[0]) {
                    keys[0] = r;
                    siftDown(keys, 0, k);
                }
            }
        }
        Arrays.sort(keys);
        int[] order = new int[keys.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = (int) keys[i];
        }
        return order;
    }

    /** Sorts before every other candidate's rank exactly when its logit is larger, or equal with a lower index. */
    private static long rank(float logit, int index) {
        int bits = Float.floatToIntBits(logit);
        int ordered = bits ^ ((bits >> 31) & 0x7FFFFFFF); // increases with the float, as Float.compare
        return ((long) ~ordered << 32) | index;
    }

    private static void siftDown(long[] heap, int i, int size) {
        while (true) {
            int largest = i;
            int l = 2 * i + 1;
            int r = l + 1;
            if (l < size && heap[l] > heap[largest]) {
                largest = l;
            }
            if (r < size && heap[r] > heap[largest]) {
                largest = r;
            }
            if (largest == i) {
                return;
            }
            long t = heap[i];
            heap[i] = heap[largest];
            heap[largest] = t;
            i = largest;
        }
    }

    /** Index of the largest value (the first on ties). */
    public static int argmax(float[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }
}
