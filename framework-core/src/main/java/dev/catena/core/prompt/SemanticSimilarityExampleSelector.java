package dev.catena.core.prompt;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.store.embedding.CosineSimilarity;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Picks the {@code k} examples most similar to the input by cosine similarity of embeddings from a
 * LangChain4j {@link EmbeddingModel}. An example (and the input) is embedded as the values of
 * {@code inputKeys} joined by spaces; examples are embedded once, when the selector is built.
 */
public final class SemanticSimilarityExampleSelector implements ExampleSelector {

    private final List<Map<String, Object>> examples;
    private final List<Embedding> embeddings;
    private final EmbeddingModel model;
    private final List<String> inputKeys;
    private final int k;

    public SemanticSimilarityExampleSelector(List<? extends Map<String, ?>> examples, EmbeddingModel model,
                                             List<String> inputKeys, int k) {
        if (k < 1) throw new IllegalArgumentException("k must be at least 1, was " + k);
        if (inputKeys.isEmpty()) throw new IllegalArgumentException("inputKeys must name at least one key to compare on");
        this.examples = examples.stream().<Map<String, Object>>map(Map::copyOf).toList();
        this.model = Objects.requireNonNull(model, "model");
        this.inputKeys = List.copyOf(inputKeys);
        this.k = k;
        for (int i = 0; i < this.examples.size(); i++) {
            for (String key : inputKeys) {
                if (!this.examples.get(i).containsKey(key)) {
                    throw new IllegalArgumentException("Example " + i + " has no key '" + key + "' (has " + this.examples.get(i).keySet() + ")");
                }
            }
        }
        List<TextSegment> texts = this.examples.stream().map(e -> TextSegment.from(textOf(e))).toList();
        this.embeddings = texts.isEmpty() ? List.of() : model.embedAll(texts).content();
    }

    @Override
    public List<Map<String, Object>> select(Map<String, ?> input) {
        if (examples.isEmpty()) return List.of();
        Embedding query = model.embed(textOf(input)).content();
        return IntStream.range(0, examples.size()).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> -CosineSimilarity.between(query, embeddings.get(i))))
                .limit(k)
                .map(examples::get)
                .toList();
    }

    private String textOf(Map<String, ?> values) {
        return inputKeys.stream().map(key -> {
            if (!values.containsKey(key)) throw new TemplateException("Input has no key '" + key + "' to select examples by (has " + values.keySet() + ")");
            return String.valueOf(values.get(key));
        }).collect(Collectors.joining(" "));
    }
}
