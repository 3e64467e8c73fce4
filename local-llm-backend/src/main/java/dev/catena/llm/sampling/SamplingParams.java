package dev.catena.llm.sampling;

/**
 * How the next token is chosen from the logits. {@code temperature <= 0} means greedy (argmax after
 * penalties). Filters apply in llama.cpp's order: penalties, top-k, top-p, min-p, temperature.
 *
 * @param temperature       softmax temperature; 0 for greedy
 * @param topK              keep the k most likely tokens; 0 keeps all
 * @param topP              keep the smallest set whose probability reaches p; 1 keeps all
 * @param minP              drop tokens less likely than minP times the most likely; 0 keeps all
 * @param repetitionPenalty divide positive (multiply negative) logits of recent tokens; 1 disables
 * @param frequencyPenalty  subtract this times the count of each recent token; 0 disables
 * @param presencePenalty   subtract this from every recent token once; 0 disables
 * @param penaltyLastN      how many recent tokens the penalties look at; 0 disables the penalties, -1 all
 * @param seed              seed of the random source, for reproducible sampling
 */
public record SamplingParams(double temperature, int topK, double topP, double minP, double repetitionPenalty,
                             double frequencyPenalty, double presencePenalty, int penaltyLastN, long seed) {

    public SamplingParams {
        check(temperature >= 0 && Double.isFinite(temperature), "temperature", temperature, ">= 0");
        check(topK >= 0, "topK", topK, ">= 0");
        check(topP > 0 && topP <= 1, "topP", topP, "in (0, 1]");
        check(minP >= 0 && minP < 1, "minP", minP, "in [0, 1)");
        check(repetitionPenalty > 0 && Double.isFinite(repetitionPenalty), "repetitionPenalty", repetitionPenalty, "> 0");
        check(Double.isFinite(frequencyPenalty), "frequencyPenalty", frequencyPenalty, "finite");
        check(Double.isFinite(presencePenalty), "presencePenalty", presencePenalty, "finite");
        check(penaltyLastN >= -1, "penaltyLastN", penaltyLastN, ">= -1");
    }

    private static void check(boolean ok, String name, Object value, String expected) {
        if (!ok) {
            throw new IllegalArgumentException("sampling parameter " + name + " = " + value + " must be " + expected);
        }
    }

    /** Argmax, no penalties. */
    public static SamplingParams greedy() {
        return builder().temperature(0).build();
    }

    /** Whether sampling is deterministic argmax. */
    public boolean isGreedy() {
        return temperature <= 0 || topK == 1;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().temperature(temperature).topK(topK).topP(topP).minP(minP)
                .repetitionPenalty(repetitionPenalty).frequencyPenalty(frequencyPenalty)
                .presencePenalty(presencePenalty).penaltyLastN(penaltyLastN).seed(seed);
    }

    /** Builder with llama.cpp-like defaults: temperature 0.8, top-k 40, top-p 0.95, min-p 0.05, no penalties. */
    public static final class Builder {
        private double temperature = 0.8;
        private int topK = 40;
        private double topP = 0.95;
        private double minP = 0.05;
        private double repetitionPenalty = 1.0;
        private double frequencyPenalty = 0.0;
        private double presencePenalty = 0.0;
        private int penaltyLastN = 64;
        private long seed = 42;

        public Builder temperature(double v) { temperature = v; return this; }
        public Builder topK(int v) { topK = v; return this; }
        public Builder topP(double v) { topP = v; return this; }
        public Builder minP(double v) { minP = v; return this; }
        public Builder repetitionPenalty(double v) { repetitionPenalty = v; return this; }
        public Builder frequencyPenalty(double v) { frequencyPenalty = v; return this; }
        public Builder presencePenalty(double v) { presencePenalty = v; return this; }
        public Builder penaltyLastN(int v) { penaltyLastN = v; return this; }
        public Builder seed(long v) { seed = v; return this; }

        public SamplingParams build() {
            return new SamplingParams(temperature, topK, topP, minP, repetitionPenalty, frequencyPenalty,
                    presencePenalty, penaltyLastN, seed);
        }
    }
}
