package dev.catena.testing;

/**
 * Where a greedy choice may go either way: a batched step computes the same logits as a lone one up to float
 * rounding, which a quantized model's 8-bit activations can amplify to about 0.2, so two best logits closer than
 * {@link #MARGIN} are a near tie and comparisons of greedy output stop there.
 */
public final class NearTies {

    public static final float MARGIN = 0.5f;

    private NearTies() {
    }

    /** The best logit minus the second best. */
    public static float gap(float[] logits) {
        float best = Float.NEGATIVE_INFINITY;
        float second = Float.NEGATIVE_INFINITY;
        for (float l : logits) {
            if (l > best) {
                second = best;
                best = l;
            } else if (l > second) {
                second = l;
            }
        }
        return best - second;
    }

    /** Whether the greedy choice over {@code logits} is a near tie. */
    public static boolean isNearTie(float[] logits) {
        return gap(logits) < MARGIN;
    }
}
