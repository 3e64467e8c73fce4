package dev.catena.llm.sampling;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SamplerTest {

    private static final float[] LOGITS = {1f, 3f, 2.5f, -1f, 0f, 2.9f};

    private static int sample(SamplingParams p, float[] logits, int... history) {
        return new Sampler(p).sample(logits.clone(), history, history.length);
    }

    @Test
    void greedyTakesTheArgmax() {
        assertThat(sample(SamplingParams.greedy(), LOGITS)).isEqualTo(1);
        assertThat(sample(SamplingParams.builder().temperature(2).topK(1).build(), LOGITS)).isEqualTo(1);
    }

    @Test
    void repetitionPenaltyDemotesRecentTokens() {
        SamplingParams p = SamplingParams.builder().temperature(0).repetitionPenalty(1.5).build();
        assertThat(sample(p, LOGITS, 1)).isEqualTo(5); // 3/1.5 = 2 < 2.9
    }

    @Test
    void frequencyAndPresencePenaltiesSubtractPerOccurrence() {
        SamplingParams freq = SamplingParams.builder().temperature(0).frequencyPenalty(0.3).build();
        assertThat(sample(freq, LOGITS, 1)).isEqualTo(5);         // 3 - 0.3 = 2.7 < 2.9
        assertThat(sample(freq, LOGITS, 5, 5)).isEqualTo(1);      // 2.9 - 0.6 = 2.3 < 3
        SamplingParams presence = SamplingParams.builder().temperature(0).presencePenalty(0.05).build();
        assertThat(sample(presence, LOGITS, 1, 1, 1)).isEqualTo(1); // 3 - 0.05 still the best
    }

    @Test
    void sameSeedSameTokensDifferentSeedsDiffer() {
        SamplingParams a = SamplingParams.builder().temperature(1.5).topK(0).topP(1).minP(0).seed(7).build();
        Sampler s1 = new Sampler(a);
        Sampler s2 = new Sampler(a);
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            int t1 = s1.sample(LOGITS.clone(), new int[0], 0);
            assertThat(s2.sample(LOGITS.clone(), new int[0], 0)).isEqualTo(t1);
            seen.add(t1);
        }
        assertThat(seen).hasSizeGreaterThan(3); // a high temperature really samples
    }

    @Test
    void topKTopPAndMinPRestrictTheCandidates() {
        Set<Integer> topK = drawMany(SamplingParams.builder().temperature(5).topK(2).topP(1).minP(0).build());
        assertThat(topK).containsExactlyInAnyOrder(1, 5);
        // probabilities of 3, 2.9, 2.5 ... : top-p 0.5 keeps the first two
        Set<Integer> topP = drawMany(SamplingParams.builder().temperature(5).topK(0).topP(0.5).minP(0).build());
        assertThat(topP).containsExactlyInAnyOrder(1, 5);
        // min-p 0.5: keep tokens with p >= 0.5 * p(best): exp(-0.5) = 0.61 keeps token 2, exp(-2) drops token 0
        Set<Integer> minP = drawMany(SamplingParams.builder().temperature(5).topK(0).topP(1).minP(0.5).build());
        assertThat(minP).containsExactlyInAnyOrder(1, 5, 2);
    }

    private static Set<Integer> drawMany(SamplingParams p) {
        Sampler s = new Sampler(p);
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 500; i++) {
            seen.add(s.sample(LOGITS.clone(), new int[0], 0));
        }
        return seen;
    }

    @Test
    void candidatesAreOrderedAsAStableSortByDescendingLogit() {
        java.util.Random rnd = new java.util.Random(3);
        for (int trial = 0; trial < 50; trial++) {
            float[] logits = new float[1 + rnd.nextInt(300)];
            for (int i = 0; i < logits.length; i++) {
                // few distinct values (ties), negative and positive zero, infinities
                logits[i] = switch (rnd.nextInt(8)) {
                    case 0 -> -0.0f;
                    case 1 -> 0.0f;
                    case 2 -> Float.NEGATIVE_INFINITY;
                    case 3 -> Float.POSITIVE_INFINITY;
                    default -> rnd.nextInt(7) - 3 + (rnd.nextBoolean() ? 0.5f : 0f);
                };
            }
            Integer[] expected = new Integer[logits.length];
            for (int i = 0; i < expected.length; i++) {
                expected[i] = i;
            }
            java.util.Arrays.sort(expected, (a, b) -> Float.compare(logits[b], logits[a]));
            for (int k : new int[] {1, 2, 40, logits.length}) {
                int kk = Math.min(k, logits.length);
                int[] got = Sampler.best(logits, kk);
                assertThat(got).as("trial %d, k %d", trial, kk)
                        .containsExactly(java.util.Arrays.stream(expected, 0, kk).mapToInt(Integer::intValue).toArray());
            }
        }
    }

    @Test
    void invalidParametersAreNamed() {
        assertThatThrownBy(() -> SamplingParams.builder().topP(0).build()).hasMessageContaining("topP");
        assertThatThrownBy(() -> SamplingParams.builder().temperature(-1).build()).hasMessageContaining("temperature");
    }
}
