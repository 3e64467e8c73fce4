package dev.catena.chains.router;

import dev.catena.chains.ChainInputs;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.store.embedding.CosineSimilarity;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Routes by meaning: each destination has example texts; the input goes to the destination with
 * the most similar example (cosine similarity of embeddings), or to the default when the best
 * similarity is below {@code threshold}. Examples are embedded once, on first use.
 */
public final class EmbeddingRouter implements Router {

    private final EmbeddingModel model;
    private final Map<String, List<String>> examples;
    private final double threshold;
    private final String inputKey;
    private volatile Map<String, List<Embedding>> embedded;

    private EmbeddingRouter(EmbeddingModel model, Map<String, List<String>> examples, double threshold, String inputKey) {
        this.model = Objects.requireNonNull(model, "model");
        this.examples = new LinkedHashMap<>(examples);
        this.threshold = threshold;
        this.inputKey = Objects.requireNonNull(inputKey, "inputKey");
        examples.forEach((k, v) -> {
            if (v.isEmpty()) throw new IllegalArgumentException("destination '" + k + "' needs at least one example text");
        });
    }

    /** A router over example texts by destination name. */
    public static EmbeddingRouter of(EmbeddingModel model, Map<String, List<String>> examples, double threshold, String inputKey) {
        return new EmbeddingRouter(model, examples, threshold, inputKey);
    }

    @Override
    public Optional<String> route(Map<String, Object> input, Set<String> destinations) {
        String text = ChainInputs.text(ChainInputs.required(input, inputKey, "EmbeddingRouter"));
        Embedding query = model.embed(text).content();
        String best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (var e : embeddings().entrySet()) {
            if (!destinations.contains(e.getKey())) continue;
            for (Embedding ex : e.getValue()) {
                double s = CosineSimilarity.between(query, ex);
                if (s > bestScore) {
                    bestScore = s;
                    best = e.getKey();
                }
            }
        }
        return bestScore >= threshold ? Optional.ofNullable(best) : Optional.empty();
    }

    private Map<String, List<Embedding>> embeddings() {
        Map<String, List<Embedding>> e = embedded;
        if (e == null) {
            synchronized (this) {
                if (embedded == null) {
                    Map<String, List<Embedding>> m = new LinkedHashMap<>();
                    examples.forEach((k, v) -> m.put(k, v.stream().map(t -> model.embed(t).content()).toList()));
                    embedded = m;
                }
                e = embedded;
            }
        }
        return e;
    }
}
