package dev.catena.llm.model;

import dev.catena.llm.sampling.Sampler;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Batched decoding ({@link Session#forward(List)}) against each sequence run alone: sequences that join at
 * different steps, prompts fed in chunks between other sequences' decode steps, and sequences that leave early
 * must get exactly the logits they get alone (no cross-talk, and the kernels compute a row the same way
 * whatever the batch).
 */
class BatchedForwardTest {

    /**
     * The largest difference allowed between a sequence's logits batched and alone, relative to their range. Rows
     * of a matrix product can be summed in another order when a batch has another size (the float path and some
     * kernels block rows), so batched logits may differ from lone ones in the last bits: a greedy choice
     * differs only between two logits that tie within this.
     */
    static final double TOLERANCE = 1e-5;

    static Stream<Arguments> models() {
        List<Arguments> out = new ArrayList<>();
        for (String name : new String[] {"llama-mha-f32", "gemma3-f32"}) {
            out.add(Arguments.of(name, ReferenceModels.FLOAT));
        }
        for (String kernels : ReferenceModels.kernels().subList(1, ReferenceModels.kernels().size())) {
            out.add(Arguments.of("qwen2-q4_0-q5_0", kernels));
            out.add(Arguments.of("gemma3-q4_k-q6_k", kernels));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("models")
    void batchedStepsGiveEachSequenceTheLogitsItGetsAlone(String name, String kernels) {
        try (ReferenceModels.Loaded m = ReferenceModels.load(name, 2, kernels)) {
            Transformer t = m.transformer();
            int vocab = t.vocabularySize();
            int[][] prompts = {prompt(7, 1, vocab), prompt(19, 2, vocab), prompt(4, 3, vocab), prompt(11, 4, vocab)};
            int[] generate = {6, 3, 9, 5};
            int n = prompts.length;
            int[][] full = new int[n][];
            float[][][] alone = new float[n][][];
            for (int i = 0; i < n; i++) {
                Session s = new Session(t, 64);
                alone[i] = new float[generate[i]][];
                full[i] = Arrays.copyOf(prompts[i], prompts[i].length + generate[i] - 1);
                float[] logits = s.prefill(prompts[i]);
                for (int g = 0; g < generate[i]; g++) {
                    alone[i][g] = logits.clone();
                    if (g + 1 < generate[i]) {
                        int token = Sampler.argmax(logits);
                        full[i][prompts[i].length + g] = token;
                        logits = s.next(token);
                    }
                }
            }

            Session[] sessions = new Session[n];
            int[] cursor = new int[n];
            float[][][] batched = new float[n][][];
            for (int step = 0; ; step++) {
                List<SequenceStep> steps = new ArrayList<>();
                List<Integer> who = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    if (step == 2 * i) { // sequence i joins at step 2i
                        sessions[i] = new Session(t, 64);
                        batched[i] = new float[generate[i]][];
                    }
                    if (sessions[i] == null || cursor[i] == full[i].length) {
                        continue; // not joined yet, or done (left the batch)
                    }
                    int p = prompts[i].length;
                    int to = cursor[i] < p ? Math.min(p, cursor[i] + 3) : cursor[i] + 1; // prompts in chunks of 3
                    steps.add(new SequenceStep(sessions[i], full[i], cursor[i], to, to >= p));
                    who.add(i);
                }
                if (steps.isEmpty() && step > 2 * n) {
                    break;
                }
                float[][] logits = Session.forward(steps);
                for (int k = 0; k < steps.size(); k++) {
                    int i = who.get(k);
                    SequenceStep st = steps.get(k);
                    cursor[i] = st.to();
                    if (st.logits()) {
                        batched[i][st.to() - prompts[i].length] = logits[k].clone();
                    } else {
                        assertThat(logits[k]).isNull();
                    }
                }
            }
            for (int i = 0; i < n; i++) {
                assertThat(sessions[i].tokens()).containsExactly(full[i]);
                double diff = ReferenceModels.relativeMaxDiff(batched[i], alone[i]);
                assertThat(diff).as("sequence %d", i).isLessThan(TOLERANCE);
            }
        }
    }

    @org.junit.jupiter.api.Test
    void aSequenceThatDoesNotFitChangesNoSession() {
        try (ReferenceModels.Loaded m = ReferenceModels.load("llama-mha-f32", 1)) {
            Transformer t = m.transformer();
            Session a = new Session(t, 16);
            Session b = new Session(t, 4);
            a.prefill(prompt(3, 1, t.vocabularySize()));
            int[] five = prompt(5, 2, t.vocabularySize());
            assertThatThrownBy(() -> Session.forward(List.of(SequenceStep.token(a, 1), new SequenceStep(b, five, 0, 5, true))))
                    .isInstanceOf(ContextLengthExceededException.class);
            assertThat(a.length()).isEqualTo(3);
            assertThat(b.length()).isZero();
            assertThatThrownBy(() -> Session.forward(List.of(SequenceStep.token(a, 1), SequenceStep.token(a, 2))))
                    .hasMessageContaining("share one KV cache");
        }
    }

    private static int[] prompt(int length, int seed, int vocab) {
        java.util.Random r = new java.util.Random(seed);
        int[] p = new int[length];
        for (int i = 0; i < length; i++) {
            p[i] = r.nextInt(vocab);
        }
        return p;
    }
}
