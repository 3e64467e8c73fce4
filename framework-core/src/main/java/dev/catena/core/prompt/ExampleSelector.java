package dev.catena.core.prompt;

import java.util.List;
import java.util.Map;

/** Chooses which few-shot examples go into a prompt for a given input. */
@FunctionalInterface
public interface ExampleSelector {

    /** The examples to show for {@code input}, in order. Each example is a map of template variables. */
    List<Map<String, Object>> select(Map<String, ?> input);

    /** Always the same examples. */
    static ExampleSelector fixed(List<? extends Map<String, ?>> examples) {
        List<Map<String, Object>> copy = examples.stream().<Map<String, Object>>map(Map::copyOf).toList();
        return input -> copy;
    }
}
