package dev.catena.retrievers.postretrieval;

import dev.catena.retrievers.retrieval.Contents;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.scoring.ScoringModel;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.ContentMetadata;
import dev.langchain4j.rag.query.Query;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Re-ranks with a LangChain4j {@link ScoringModel} (typically a cross-encoder), keeping the
 * {@code topN} best with a score of at least {@code minScore}; each result gets
 * {@link ContentMetadata#RERANKED_SCORE}.
 */
public final class ScoringModelReranker implements ContentPostProcessor {

    private final ScoringModel model;
    private final int topN;
    private final double minScore;

    private ScoringModelReranker(ScoringModel model, int topN, double minScore) {
        this.model = Objects.requireNonNull(model, "model");
        if (topN <= 0) throw new IllegalArgumentException("topN must be positive, was " + topN);
        this.topN = topN;
        this.minScore = minScore;
    }

    public static ScoringModelReranker of(ScoringModel model, int topN) {
        return new ScoringModelReranker(model, topN, Double.NEGATIVE_INFINITY);
    }

    public static ScoringModelReranker of(ScoringModel model, int topN, double minScore) {
        return new ScoringModelReranker(model, topN, minScore);
    }

    @Override
    public List<Content> process(Query query, List<Content> contents) {
        if (contents.isEmpty()) return List.of();
        List<TextSegment> segments = contents.stream().map(Content::textSegment).toList();
        List<Double> scores = model.scoreAll(segments, query.text()).content();
        if (scores == null || scores.size() != contents.size()) {
            throw new IllegalStateException("scoring model returned " + (scores == null ? "no" : scores.size())
                    + " scores for " + contents.size() + " contents");
        }
        record Scored(Content content, double score) {
        }
        List<Scored> scored = new ArrayList<>();
        for (int i = 0; i < contents.size(); i++) {
            if (scores.get(i) >= minScore) scored.add(new Scored(contents.get(i), scores.get(i)));
        }
        scored.sort(Comparator.comparingDouble(Scored::score).reversed());
        return scored.stream().limit(topN)
                .map(s -> Contents.with(s.content(), ContentMetadata.RERANKED_SCORE, s.score())).toList();
    }
}
