package dev.catena.llm.model;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A prompt longer than {@link Transformer#MAX_BATCH} (split into batches inside one call) gives the
 * logits it gives when fed in pieces of 100 tokens, over many key tiles of the tiled attention.
 */
class LongPromptTest {

    @ParameterizedTest
    @ValueSource(strings = {"gemma3-f32", "llama3-gqa-tied-f32", "qwen3-mqa-f32"})
    void aLongPromptInOneCallEqualsItInPieces(String name) {
        int n = Transformer.MAX_BATCH + 188;
        try (ReferenceModels.Loaded m = ReferenceModels.load(name, 2)) {
            Transformer t = m.transformer();
            int[] prompt = new Random(3).ints(n, 0, t.vocabularySize()).toArray();
            KvCache whole = t.newCache(n);
            float[][] once = t.forward(prompt, whole, true);
            assertThat(whole.length()).isEqualTo(n);
            KvCache pieces = t.newCache(n);
            float[][] stepwise = new float[n][];
            for (int from = 0; from < n; from += 100) {
                int to = Math.min(n, from + 100);
                float[][] part = t.forward(java.util.Arrays.copyOfRange(prompt, from, to), pieces, true);
                System.arraycopy(part, 0, stepwise, from, to - from);
            }
            assertThat(ReferenceModels.relativeMaxDiff(stepwise, once)).isLessThan(1e-5);
            assertThat(t.forward(prompt, t.newCache(n), false)[0]).containsExactly(once[n - 1]);
        }
    }
}
