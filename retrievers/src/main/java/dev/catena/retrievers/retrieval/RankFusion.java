package dev.catena.retrievers.retrieval;

import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.ContentMetadata;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reciprocal rank fusion: each ranked list gives an item {@code weight / (k + rank)} (rank from 1);
 * items are ordered by their summed score. Items are matched across lists by {@link Contents#key}.
 * The fused score replaces {@link ContentMetadata#SCORE}.
 */
public final class RankFusion {

    /** The customary constant from Cormack et al. (2009). */
    public static final int DEFAULT_K = 60;

    private RankFusion() {
    }

    /** Fuses {@code rankings} with equal weights and {@link #DEFAULT_K}, keeping the best {@code maxResults}. */
    public static List<Content> fuse(List<List<Content>> rankings, int maxResults) {
        return fuse(rankings, null, DEFAULT_K, maxResults);
    }

    /** Fuses {@code rankings}; {@code weights} (one per ranking, or null for all 1) scale each list's votes. */
    public static List<Content> fuse(List<List<Content>> rankings, List<Double> weights, int k, int maxResults) {
        if (weights != null && weights.size() != rankings.size()) {
            throw new IllegalArgumentException(weights.size() + " weights for " + rankings.size() + " rankings");
        }
        record Entry(Content content, double score, int firstSeen) {
        }
        Map<String, Entry> fused = new LinkedHashMap<>();
        for (int r = 0; r < rankings.size(); r++) {
            double w = weights == null ? 1 : weights.get(r);
            List<Content> ranking = rankings.get(r);
            for (int i = 0; i < ranking.size(); i++) {
                Content c = ranking.get(i);
                double vote = w / (k + i + 1);
                fused.merge(Contents.key(c), new Entry(c, vote, fused.size()),
                        (a, b) -> new Entry(a.content(), a.score() + b.score(), a.firstSeen()));
            }
        }
        List<Entry> entries = new ArrayList<>(fused.values());
        entries.sort(Comparator.comparingDouble(Entry::score).reversed().thenComparingInt(Entry::firstSeen));
        return entries.stream().limit(maxResults)
                .map(e -> Contents.with(e.content(), ContentMetadata.SCORE, e.score())).toList();
    }
}
