package dev.catena.retrievers.lucene.eval;

import dev.catena.core.eval.EvalCase;
import dev.catena.core.eval.Score;
import dev.catena.core.eval.Scorer;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Scorers for rankings: the output is a ranked list of ids, one per line (best first), and the
 * case's {@code expected} names the relevant ids, separated by {@code |}. Relevance is binary.
 */
public final class RankingScorers {

    private RankingScorers() {}

    /** The relevant ids of a case. */
    public static Set<String> relevant(EvalCase c) {
        Set<String> ids = Arrays.stream(c.expected().split("\\|")).map(String::strip).filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
        if (ids.isEmpty()) throw new IllegalArgumentException("case " + c.id() + ": 'expected' names no relevant id");
        return ids;
    }

    /** The ranked ids of an output, blank lines dropped. */
    public static List<String> ranking(String output) {
        return output.lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** The 1-based rank of the first relevant id in {@code output}, or 0 when none is there. */
    public static int firstRelevantRank(EvalCase c, String output) {
        Set<String> relevant = relevant(c);
        List<String> ranked = ranking(output);
        for (int i = 0; i < ranked.size(); i++) {
            if (relevant.contains(ranked.get(i))) return i + 1;
        }
        return 0;
    }

    /** Passes when a relevant id is among the first {@code k}. */
    public static Scorer hitAt(int k) {
        checkK(k);
        return (c, output) -> {
            int rank = firstRelevantRank(c, output);
            return rank >= 1 && rank <= k ? Score.pass("rank " + rank) : Score.fail(rank == 0 ? "not found" : "rank " + rank);
        };
    }

    /** 1 / the rank of the first relevant id (0 when none); passes when that rank is 1. */
    public static Scorer reciprocalRank() {
        return (c, output) -> {
            int rank = firstRelevantRank(c, output);
            return new Score(rank == 1, rank == 0 ? 0 : 1.0 / rank, rank == 0 ? "not found" : "rank " + rank);
        };
    }

    /**
     * Normalized discounted cumulative gain of the first {@code k} ids: the sum of 1 / log2(rank + 1)
     * over the relevant ids there, over the same sum for an ideal ranking; passes when a relevant id
     * is among the first {@code k}.
     */
    public static Scorer ndcgAt(int k) {
        checkK(k);
        return (c, output) -> {
            double value = ndcg(relevant(c), ranking(output), k);
            int rank = firstRelevantRank(c, output);
            return new Score(rank >= 1 && rank <= k, value, rank == 0 ? "not found" : "rank " + rank);
        };
    }

    static double ndcg(Set<String> relevant, List<String> ranked, int k) {
        double dcg = 0;
        for (int i = 0; i < Math.min(k, ranked.size()); i++) {
            if (relevant.contains(ranked.get(i))) dcg += 1 / log2(i + 2);
        }
        double ideal = 0;
        for (int i = 0; i < Math.min(k, relevant.size()); i++) ideal += 1 / log2(i + 2);
        return dcg / ideal;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    private static void checkK(int k) {
        if (k < 1) throw new IllegalArgumentException("k must be at least 1, was " + k);
    }
}
