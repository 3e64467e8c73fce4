package dev.catena.llm.model;

import dev.catena.testing.ExternalInputs;
import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Where the real SmolLM2 135M Instruct files are and how greedy tokens are held against llama.cpp's
 * (reference data by {@code src/test/reference/model/smollm_reference.py}).
 */
final class SmolLmReference {

    static final String FILE = "SmolLM2-135M-Instruct.Q4_1.gguf";

    /**
     * Two best logits closer than this are a near-tie: llama.cpp quantizes activations to 8 bits for
     * quantized matmuls, Catena's float path does not and its integer backends round in their own order,
     * which moves logits by up to about 0.2 (on Gemma; on the requantized SmolLM2 files tokens parted at
     * gaps of 0.12); from the first near-tie on, either side is a right answer and the continuations may part.
     */
    static final double NEAR_TIE = 0.25;

    private SmolLmReference() {
    }

    /** The Q4_1 file of .ci/setup.d/11-smollm2.sh, required as by {@link ExternalInputs#require}. */
    static Path file() {
        return ExternalInputs.model(FILE, "bash .ci/setup.d/11-smollm2.sh");
    }

    /** The step of llama.cpp's first near-tie in {@code ref}, or its number of steps when there is none. */
    static int firstNearTie(JsonNode ref) {
        JsonNode gaps = ref.get("gaps");
        int n = 0;
        while (n < gaps.size() && gaps.get(n).asDouble() >= NEAR_TIE) {
            n++;
        }
        return n;
    }

    /** How many greedy steps a comparison with {@code ref} needs: through its first near-tie. */
    static int steps(JsonNode ref) {
        return Math.min(ref.get("gaps").size(), firstNearTie(ref) + 1);
    }

    /**
     * Asserts that {@code actual} (at least {@link #steps} tokens) equals llama.cpp's greedy tokens of
     * {@code ref} up to (not including) its first near-tie; returns how many tokens were compared.
     */
    static int assertGreedyUntilNearTie(String what, int[] actual, JsonNode ref) {
        int[] expected = ReferenceModels.ints(ref.get("greedy"));
        int n = firstNearTie(ref);
        assertThat(java.util.Arrays.copyOf(actual, n)).as(what + ": greedy tokens before the first near-tie")
                .containsExactly(java.util.Arrays.copyOf(expected, n));
        return n;
    }
}
