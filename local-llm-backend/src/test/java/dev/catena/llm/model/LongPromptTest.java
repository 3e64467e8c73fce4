package dev.catena.llm.model;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A prompt longer than {@link Transformer#MAX_BATCH} (split into batches inside one call) gives the
 * logits it gives when fed in pieces of 100 tokens, over many key tiles of the tiled attention; prompts
 * of concurrent conversations (which share the model's prompt buffers) do not disturb each other.
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
            float[] last = t.forward(prompt, t.newCache(n), false)[0];
            assertThat(ReferenceModels.relativeMaxDiff(new float[][] {last}, new float[][] {once[n - 1]})).isLessThan(1e-5);
        }
    }

    @org.junit.jupiter.api.Test
    void concurrentPromptsGiveWhatEachGivesAlone() throws Exception {
        try (ReferenceModels.Loaded m = ReferenceModels.load("qwen2-gqa-f32", 2)) {
            Transformer t = m.transformer();
            int[][] prompts = new int[6][];
            float[][] alone = new float[prompts.length][];
            for (int i = 0; i < prompts.length; i++) {
                prompts[i] = new Random(i).ints(40 + 30 * i, 0, t.vocabularySize()).toArray();
                alone[i] = t.forward(prompts[i], t.newCache(prompts[i].length), false)[0];
            }
            try (var pool = java.util.concurrent.Executors.newFixedThreadPool(prompts.length)) {
                for (int round = 0; round < 5; round++) {
                    var start = new java.util.concurrent.CountDownLatch(1);
                    var results = new java.util.ArrayList<java.util.concurrent.Future<float[]>>();
                    for (int[] p : prompts) {
                        results.add(pool.submit(() -> {
                            start.await();
                            return t.forwardLast(p, 0, p.length, t.newCache(p.length)).clone();
                        }));
                    }
                    start.countDown();
                    for (int i = 0; i < prompts.length; i++) {
                        // equal but for the last bits that the JIT's state moves (interpreted against compiled
                        // Vector API exp and lane sums); another prompt's activations would differ entirely
                        assertThat(ReferenceModels.relativeMaxDiff(new float[][] {results.get(i).get()}, new float[][] {alone[i]}))
                                .as("prompt %d, round %d", i, round).isLessThan(1e-5);
                    }
                }
            }
        }
    }
}
