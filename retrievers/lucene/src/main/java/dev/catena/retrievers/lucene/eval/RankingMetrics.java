package dev.catena.retrievers.lucene.eval;

import dev.catena.core.eval.EvalReport;
import dev.catena.core.eval.EvalResult;
import java.time.Instant;
import java.util.List;

/**
 * Ranking quality over a set of cases: the share with a relevant id first (hit@1) and among the
 * first {@code k} (hit@k), the mean reciprocal rank of the first relevant id (MRR, 0 when it is
 * not returned), the mean nDCG@k, and the median latency.
 */
public record RankingMetrics(int cases, int k, double hit1, double hitK, double mrr, double ndcgK, double latencyP50Millis) {

    /** The metrics of {@code results}, whose outputs are ranked ids ({@link RankingScorers}). */
    public static RankingMetrics of(List<EvalResult> results, int k) {
        if (results.isEmpty()) return new RankingMetrics(0, k, 0, 0, 0, 0, 0);
        double hit1 = 0;
        double hitK = 0;
        double mrr = 0;
        double ndcg = 0;
        for (EvalResult r : results) {
            int rank = RankingScorers.firstRelevantRank(r.evalCase(), r.output());
            if (rank == 1) hit1++;
            if (rank >= 1 && rank <= k) hitK++;
            if (rank >= 1) mrr += 1.0 / rank;
            ndcg += RankingScorers.ndcg(RankingScorers.relevant(r.evalCase()), RankingScorers.ranking(r.output()), k);
        }
        int n = results.size();
        double p50 = new EvalReport("p50", Instant.EPOCH, results).latencyPercentile(50).toNanos() / 1e6;
        return new RankingMetrics(n, k, hit1 / n, hitK / n, mrr / n, ndcg / n, p50);
    }
}
