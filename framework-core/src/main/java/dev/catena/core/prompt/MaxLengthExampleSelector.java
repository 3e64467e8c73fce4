package dev.catena.core.prompt;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.ToIntFunction;

/**
 * Takes examples in order while they fit a length budget: the formatted examples plus the input's
 * own text must stay within {@code maxLength} (measured in words by default).
 */
public final class MaxLengthExampleSelector implements ExampleSelector {

    private final List<Map<String, Object>> examples;
    private final PromptTemplate examplePrompt;
    private final int maxLength;
    private final ToIntFunction<String> length;

    /**
     * @param examples      candidates, best first
     * @param examplePrompt how one example is formatted (its length is what counts)
     * @param maxLength     the budget
     * @param length        how text is measured; {@link #words(String)} by default
     */
    public MaxLengthExampleSelector(List<? extends Map<String, ?>> examples, PromptTemplate examplePrompt,
                                    int maxLength, ToIntFunction<String> length) {
        if (maxLength < 1) throw new IllegalArgumentException("maxLength must be positive, was " + maxLength);
        this.examples = examples.stream().<Map<String, Object>>map(Map::copyOf).toList();
        this.examplePrompt = Objects.requireNonNull(examplePrompt, "examplePrompt");
        this.maxLength = maxLength;
        this.length = Objects.requireNonNull(length, "length");
    }

    public MaxLengthExampleSelector(List<? extends Map<String, ?>> examples, PromptTemplate examplePrompt, int maxLength) {
        this(examples, examplePrompt, maxLength, MaxLengthExampleSelector::words);
    }

    @Override
    public List<Map<String, Object>> select(Map<String, ?> input) {
        int budget = maxLength;
        for (Object v : input.values()) budget -= length.applyAsInt(String.valueOf(v));
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> example : examples) {
            budget -= length.applyAsInt(examplePrompt.format(example));
            if (budget < 0) break;
            out.add(example);
        }
        return out;
    }

    /** The number of whitespace-separated words. */
    public static int words(String text) {
        String t = text.strip();
        return t.isEmpty() ? 0 : t.split("\\s+").length;
    }
}
