package dev.catena.llm.model;

import dev.catena.llm.constraint.TokenConstraint;
import dev.catena.llm.sampling.SamplingParams;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * What one generation may do.
 *
 * @param maxTokens   most tokens to generate; -1 for "until the context is full"
 * @param sampling    how tokens are chosen
 * @param stopStrings text that ends generation (not included in the output)
 * @param stopTokens  token ids that end generation, besides the tokenizer's end-of-generation tokens
 * @param cancelled   polled before each token; {@code true} stops generation
 * @param constraint  the grammar the output must follow, or {@code null} for free text
 */
public record GenerationOptions(int maxTokens, SamplingParams sampling, List<String> stopStrings,
                                Set<Integer> stopTokens, BooleanSupplier cancelled,
                                TokenConstraint constraint) {

    public GenerationOptions {
        if (maxTokens < -1 || maxTokens == 0) {
            throw new IllegalArgumentException("maxTokens must be positive or -1, got " + maxTokens);
        }
        Objects.requireNonNull(sampling, "sampling");
        stopStrings = List.copyOf(stopStrings);
        stopTokens = Set.copyOf(stopTokens);
        Objects.requireNonNull(cancelled, "cancelled");
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builder; defaults: 256 tokens, greedy, no extra stops, never cancelled. */
    public static final class Builder {
        private int maxTokens = 256;
        private SamplingParams sampling = SamplingParams.greedy();
        private List<String> stopStrings = List.of();
        private Set<Integer> stopTokens = Set.of();
        private BooleanSupplier cancelled = () -> false;
        private TokenConstraint constraint;

        public Builder maxTokens(int v) { maxTokens = v; return this; }
        public Builder sampling(SamplingParams v) { sampling = v; return this; }
        public Builder stopStrings(List<String> v) { stopStrings = v; return this; }
        public Builder stopTokens(Set<Integer> v) { stopTokens = v; return this; }
        public Builder cancelled(BooleanSupplier v) { cancelled = v; return this; }
        /** Only output this constraint's grammar allows; {@code null} (the default) for free text. */
        public Builder constraint(TokenConstraint v) { constraint = v; return this; }

        public GenerationOptions build() {
            return new GenerationOptions(maxTokens, sampling, stopStrings, stopTokens, cancelled, constraint);
        }
    }
}
