package dev.catena.llm.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import static dev.catena.llm.model.ReferenceModels.ints;
import static dev.catena.llm.model.ReferenceModels.reference;
import static dev.catena.llm.model.ReferenceModels.relativeMaxDiff;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * KV caches stored as F16 and Q8_0 against the F32 cache on every reference model: logits of the prompt
 * close to F32's, and with F16 the same 16 greedy tokens. (Q8_0 must agree on the first token only: these
 * random-weight models have near-ties, and on gemma3-q4_k-q6_k 8-bit keys flip the fourth token.)
 */
class KvCacheTypeTest {

    /** Of the logit range; measured 2e-5 to 2.2e-4 (F16 keeps 11 significant bits of each key and value). */
    private static final double F16_TOLERANCE = 5e-4;
    /** Of the logit range; measured 4e-4 to 9.8e-3 (8 bits per value). */
    private static final double Q8_TOLERANCE = 2e-2;

    @ParameterizedTest
    @FieldSource("dev.catena.llm.model.ReferenceModels#ALL")
    void f16AndQ8CachesGiveLogitsCloseToF32AndTheSameGreedyTokens(String name) {
        int[] prompt = ints(reference(name).get("prompt"));
        try (ReferenceModels.Loaded m = ReferenceModels.load(name, 2)) {
            Transformer t = m.transformer();
            float[][] f32 = t.forward(prompt, t.newCache(prompt.length), true);
            int[] greedy = greedy(t, prompt, KvCacheType.F32);

            float[][] f16 = t.forward(prompt, t.newCache(prompt.length, KvCacheType.F16), true);
            assertThat(relativeMaxDiff(f16, f32)).as("F16 against F32").isLessThanOrEqualTo(F16_TOLERANCE);
            assertThat(greedy(t, prompt, KvCacheType.F16)).containsExactly(greedy);

            if (t.config().headDim() % 32 == 0) {
                float[][] q8 = t.forward(prompt, t.newCache(prompt.length, KvCacheType.Q8_0), true);
                assertThat(relativeMaxDiff(q8, f32)).as("Q8_0 against F32").isLessThanOrEqualTo(Q8_TOLERANCE);
                assertThat(greedy(t, prompt, KvCacheType.Q8_0)[0]).isEqualTo(greedy[0]);
            } else {
                assertThatThrownBy(() -> t.newCache(8, KvCacheType.Q8_0))
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("q8_0").hasMessageContaining("multiple of 32")
                        .hasMessageContaining("is " + t.config().headDim());
            }
        }
    }

    private static int[] greedy(Transformer t, int[] prompt, KvCacheType type) {
        Session s = new Session(t, prompt.length + 16, type);
        float[] logits = s.prefill(prompt);
        int[] out = new int[16];
        for (int i = 0; i < out.length; i++) {
            out[i] = dev.catena.llm.sampling.Sampler.argmax(logits);
            if (i + 1 < out.length) {
                logits = s.next(out[i]);
            }
        }
        return out;
    }

    @Test
    void f16HalvesAndQ8QuartersTheStorage() {
        try (ReferenceModels.Loaded m = ReferenceModels.load("gemma3-f32", 1)) {
            Transformer t = m.transformer();
            long f32 = t.newCache(100).storageBytes();
            assertThat(f32).isEqualTo(2L * t.config().layers() * 100 * t.config().kvDim() * 4);
            assertThat(t.newCache(100, KvCacheType.F16).storageBytes()).isEqualTo(f32 / 2);
            assertThat(t.newCache(100, KvCacheType.Q8_0).storageBytes()).isEqualTo(f32 * 9 / 32);
        }
    }

    @Test
    void typesParseIgnoringCaseAndABadNameIsRejectedWithTheChoices() {
        assertThat(KvCacheType.parse("f16")).isEqualTo(KvCacheType.F16);
        assertThat(KvCacheType.parse(" Q8_0 ")).isEqualTo(KvCacheType.Q8_0);
        assertThat(KvCacheType.parse("F32")).isEqualTo(KvCacheType.F32);
        assertThatThrownBy(() -> KvCacheType.parse("fp16"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown KV cache type 'fp16' (expected one of f32, f16, q8_0)");
    }
}
