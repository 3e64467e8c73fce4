package dev.catena.llm.model;

import dev.catena.llm.sampling.SamplingParams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.catena.llm.model.ReferenceModels.ints;
import static dev.catena.llm.model.ReferenceModels.reference;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GeneratorTest {

    private static ReferenceModels.Loaded model;
    private static int[] prompt;
    private static int[] expected; // numpy's greedy continuation
    private final Generator generator = new Generator(new ByteTokenizer());

    @BeforeAll
    static void load() {
        model = ReferenceModels.load("llama-mha-f32", 2);
        prompt = ints(reference("llama-mha-f32").get("prompt"));
        expected = ints(reference("llama-mha-f32").get("numpy").get("greedy"));
    }

    @AfterAll
    static void close() {
        model.close();
    }

    private Session session() {
        return new Session(model.transformer(), 128);
    }

    private static GenerationOptions.Builder opts(int max) {
        return GenerationOptions.builder().maxTokens(max).sampling(SamplingParams.greedy());
    }

    @Test
    void greedyGenerationMatchesTheReferenceAndStreamsTheSameText() {
        StringBuilder streamed = new StringBuilder();
        AtomicInteger calls = new AtomicInteger();
        GenerationResult r = generator.generate(session(), prompt, opts(20).build(), (t, text) -> {
            calls.incrementAndGet();
            streamed.append(text);
        });
        assertThat(r.tokens()).containsExactly(Arrays.copyOf(expected, 20));
        assertThat(r.finishReason()).isEqualTo(GenerationResult.FinishReason.LENGTH);
        assertThat(calls).hasValue(20);
        assertThat(streamed.toString()).isEqualTo(r.text()).isEqualTo(new ByteTokenizer().decode(r.tokens()));
        assertThat(r.promptTokens()).isEqualTo(prompt.length);
    }

    @Test
    void stopTokenEndsGeneration() {
        int stop = expected[5];
        int first = 0;
        while (expected[first] != stop) {
            first++;
        }
        GenerationResult r = generator.generate(session(), prompt, opts(30).stopTokens(Set.of(stop)).build(), TokenListener.none());
        assertThat(r.finishReason()).isEqualTo(GenerationResult.FinishReason.STOP_TOKEN);
        assertThat(r.tokens()).containsExactly(Arrays.copyOf(expected, first + 1));
    }

    @Test
    void stopStringIsCutAndNeverStreamed() {
        String full = generator.generate(session(), prompt, opts(40).build(), TokenListener.none()).text();
        String stop = full.substring(6, 8);
        StringBuilder streamed = new StringBuilder();
        GenerationResult r = generator.generate(session(), prompt, opts(40).stopStrings(List.of(stop)).build(),
                (t, text) -> streamed.append(text));
        assertThat(r.finishReason()).isEqualTo(GenerationResult.FinishReason.STOP_STRING);
        assertThat(r.text()).isEqualTo(full.substring(0, full.indexOf(stop)));
        assertThat(streamed.toString()).isEqualTo(r.text());
    }

    @Test
    void cancellationStopsBeforeTheNextToken() {
        AtomicInteger seen = new AtomicInteger();
        GenerationResult r = generator.generate(session(), prompt, opts(30).cancelled(() -> seen.get() >= 3).build(),
                (t, text) -> seen.incrementAndGet());
        assertThat(r.finishReason()).isEqualTo(GenerationResult.FinishReason.CANCELLED);
        assertThat(r.tokens()).hasSize(3);
    }

    @Test
    void promptPlusMaxTokensBeyondTheContextFailsClearlyBeforeWork() {
        Session small = new Session(model.transformer(), 16);
        assertThatThrownBy(() -> generator.generate(small, prompt, opts(10).build(), TokenListener.none()))
                .isInstanceOf(ContextLengthExceededException.class)
                .hasMessageContaining("13 tokens").hasMessageContaining("max tokens 10").hasMessageContaining("16");
        assertThat(small.length()).isZero();
        GenerationResult r = generator.generate(small, prompt, opts(3).build(), TokenListener.none());
        assertThat(r.tokens()).hasSize(3);
    }

    @Test
    void seededSamplingIsReproducible() {
        SamplingParams p = SamplingParams.builder().temperature(1.2).topK(0).topP(1).minP(0).seed(11).build();
        GenerationResult a = generator.generate(session(), prompt, opts(24).sampling(p).build(), TokenListener.none());
        GenerationResult b = generator.generate(session(), prompt, opts(24).sampling(p).build(), TokenListener.none());
        assertThat(a.tokens()).containsExactly(b.tokens());
        assertThat(a.tokens()).isNotEqualTo(Arrays.copyOf(expected, 24));
    }

    @Test
    void aSessionReusesTheCommonPrefixOfTheNextPrompt() {
        Session s = session();
        GenerationResult first = generator.generate(s, prompt, opts(8).build(), TokenListener.none());
        int[] next = new int[prompt.length + 8 + 2];
        System.arraycopy(prompt, 0, next, 0, prompt.length);
        System.arraycopy(first.tokens(), 0, next, prompt.length, 8);
        next[next.length - 2] = 72;
        next[next.length - 1] = 105;
        float[] reused = s.prefill(next);
        assertThat(s.lastReused()).isEqualTo(prompt.length + 7); // the last generated token was never fed
        float[] fresh = session().prefill(next);
        assertThat(ReferenceModels.relativeMaxDiff(new float[][] {reused}, new float[][] {fresh})).isLessThan(1e-5);
    }
}
