package dev.catena.samples.translator;

import java.util.HashMap;
import java.util.Map;

/**
 * chrF (Popović 2015) as sacreBLEU 2.x computes it by default: character n-grams of orders 1-6 with
 * whitespace removed, precision and recall averaged over the orders both texts have, F-beta with
 * beta 2, on a 0-100 scale. Language-independent, so it scores Chinese as well as English.
 * (No maintained Java library computes it; this is the small, tested formula.)
 */
public final class ChrF {
    private static final int ORDER = 6;
    private static final double BETA = 2.0;

    private ChrF() {}

    /** The chrF score of {@code hypothesis} against {@code reference}. */
    public static double score(String hypothesis, String reference) {
        int[] hyp = codePoints(hypothesis);
        int[] ref = codePoints(reference);
        double avgPrec = 0;
        double avgRec = 0;
        int effective = 0;
        for (int n = 1; n <= ORDER; n++) {
            Map<String, Integer> h = ngrams(hyp, n);
            Map<String, Integer> r = ngrams(ref, n);
            int hypTotal = total(h);
            int refTotal = total(r);
            if (hypTotal == 0 || refTotal == 0) continue;
            int match = 0;
            for (Map.Entry<String, Integer> e : h.entrySet()) match += Math.min(e.getValue(), r.getOrDefault(e.getKey(), 0));
            avgPrec += (double) match / hypTotal;
            avgRec += (double) match / refTotal;
            effective++;
        }
        if (effective == 0) return 0;
        avgPrec /= effective;
        avgRec /= effective;
        if (avgPrec + avgRec == 0) return 0;
        double f = BETA * BETA;
        return 100 * (1 + f) * avgPrec * avgRec / (f * avgPrec + avgRec);
    }

    private static int[] codePoints(String s) {
        return s.codePoints().filter(c -> !Character.isWhitespace(c)).toArray();
    }

    private static Map<String, Integer> ngrams(int[] cps, int n) {
        Map<String, Integer> out = new HashMap<>();
        for (int i = 0; i + n <= cps.length; i++) out.merge(new String(cps, i, n), 1, Integer::sum);
        return out;
    }

    private static int total(Map<String, Integer> counts) {
        int t = 0;
        for (int c : counts.values()) t += c;
        return t;
    }
}
