package dev.catena.retrievers.lucene.eval;

import dev.catena.core.eval.EvalCase;
import dev.catena.core.eval.EvalReport;
import dev.catena.core.eval.EvalResult;
import dev.catena.core.eval.Evaluation;
import dev.catena.core.retrieval.Retriever;
import dev.catena.core.runnable.Runnable;
import dev.catena.retrievers.loader.MetadataKeys;
import dev.langchain4j.rag.content.Content;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Scores a {@link Retriever} on labelled queries through the evaluation harness
 * ({@link Evaluation}): each case's input is the query, its {@code expected} the id of the
 * document that answers it ({@code |} between several). The retriever's contents become a ranked
 * list of document ids (by default the {@code source} metadata, e.g. the file name; repeated ids
 * keep their first place), scored by nDCG@k, and {@link RetrievalReport} adds hit@1, hit@k and MRR,
 * over all cases and per group (the case field {@code language} by default).
 */
public final class RetrievalEvaluation {

    private final String name;
    private final Retriever retriever;
    private final int k;
    private final Function<Content, String> documentId;
    private final Function<EvalCase, String> group;

    private RetrievalEvaluation(Builder b) {
        this.name = Objects.requireNonNull(b.name, "name");
        this.retriever = Objects.requireNonNull(b.retriever, "retriever");
        this.k = b.k;
        this.documentId = b.documentId;
        this.group = b.group;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Runs every case in order. */
    public RetrievalReport run(List<EvalCase> cases) {
        return run(cases, r -> {});
    }

    /** Runs every case in order; {@code progress} sees each result as it is made. */
    public RetrievalReport run(List<EvalCase> cases, Consumer<EvalResult> progress) {
        cases.forEach(RankingScorers::relevant); // a case without a relevant id fails before any retrieval
        Runnable<String, String> ranked = (query, run) -> {
            Set<String> ids = new LinkedHashSet<>();
            for (Content c : retriever.retrieve(query)) {
                String id = documentId.apply(c);
                if (id != null) ids.add(id);
            }
            return String.join("\n", ids);
        };
        EvalReport report = Evaluation.of(name, ranked, RankingScorers.ndcgAt(k)).run(cases, progress);
        Map<String, List<EvalResult>> byGroup = new LinkedHashMap<>();
        for (EvalResult r : report.results()) {
            byGroup.computeIfAbsent(group.apply(r.evalCase()), g -> new java.util.ArrayList<>()).add(r);
        }
        Map<String, RankingMetrics> metrics = new LinkedHashMap<>();
        byGroup.forEach((g, results) -> metrics.put(g, RankingMetrics.of(results, k)));
        return new RetrievalReport(report, k, RankingMetrics.of(report.results(), k), metrics);
    }

    /** Builder: a name and a retriever are required. */
    public static final class Builder {
        private String name;
        private Retriever retriever;
        private int k = 3;
        private Function<Content, String> documentId = c -> c.textSegment() == null ? null
                : c.textSegment().metadata().getString(MetadataKeys.SOURCE);
        private Function<EvalCase, String> group = c -> c.field("language", "all");

        private Builder() {}

        /** What the report calls the configuration. */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder retriever(Retriever retriever) {
            this.retriever = retriever;
            return this;
        }

        /** The cut-off of hit@k and nDCG@k (default 3). */
        public Builder k(int k) {
            if (k < 1) throw new IllegalArgumentException("k must be at least 1, was " + k);
            this.k = k;
            return this;
        }

        /** The document id of a content (default its {@code source} metadata); null skips the content. */
        public Builder documentId(Function<Content, String> documentId) {
            this.documentId = Objects.requireNonNull(documentId, "documentId");
            return this;
        }

        /** The group a case's figures are also reported in (default its {@code language} field, else "all"). */
        public Builder group(Function<EvalCase, String> group) {
            this.group = Objects.requireNonNull(group, "group");
            return this;
        }

        public RetrievalEvaluation build() {
            return new RetrievalEvaluation(this);
        }
    }
}
