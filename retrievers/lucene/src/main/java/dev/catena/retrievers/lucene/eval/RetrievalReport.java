package dev.catena.retrievers.lucene.eval;

import dev.catena.core.eval.EvalReport;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The result of a {@link RetrievalEvaluation}: the harness's per-case report (outputs are the
 * ranked document ids) and the ranking metrics over all cases and per group (in the order groups
 * first appear in the dataset).
 */
public record RetrievalReport(EvalReport report, int k, RankingMetrics overall, Map<String, RankingMetrics> byGroup) {

    public RetrievalReport {
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(overall, "overall");
        byGroup = Collections.unmodifiableMap(new LinkedHashMap<>(byGroup));
    }

    /** The Markdown header of {@link #rows()}. */
    public String header() {
        return "| retriever | group | queries | hit@1 | hit@" + k + " | MRR | nDCG@" + k + " | p50 ms |\n|---|---|---|---|---|---|---|---|\n";
    }

    /** One Markdown row per group, then one for all cases when there are several groups. */
    public String rows() {
        StringBuilder sb = new StringBuilder();
        byGroup.forEach((g, m) -> sb.append(row(g, m)));
        if (byGroup.size() != 1) sb.append(row("all", overall));
        return sb.toString();
    }

    private String row(String group, RankingMetrics m) {
        return String.format(Locale.ROOT, "| %s | %s | %d | %.2f | %.2f | %.3f | %.3f | %.1f |%n", report.name(), group, m.cases(),
                m.hit1(), m.hitK(), m.mrr(), m.ndcgK(), m.latencyP50Millis());
    }
}
