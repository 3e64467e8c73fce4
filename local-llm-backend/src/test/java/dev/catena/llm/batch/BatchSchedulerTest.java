package dev.catena.llm.batch;

import dev.catena.llm.compute.kernel.KernelCompute;
import dev.catena.llm.constraint.TokenConstraint;
import dev.catena.llm.constraint.grammar.Gbnf;
import dev.catena.llm.model.ContextLengthExceededException;
import dev.catena.llm.model.GenerationOptions;
import dev.catena.llm.model.GenerationResult;
import dev.catena.llm.model.Model;
import dev.catena.llm.model.TokenListener;
import dev.catena.llm.sampling.SamplingParams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Continuous batching on a small random model: every request must get what it gets alone. */
class BatchSchedulerTest {

    private static Model model;

    @BeforeAll
    static void load() throws Exception {
        model = Model.load(Path.of(BatchSchedulerTest.class.getResource("/model/llama-mha-f32.gguf").toURI()),
                KernelCompute.preferred(2));
    }

    @AfterAll
    static void close() {
        model.close();
    }

    private static int[] prompt(String text) {
        return model.encodePrompt(text);
    }

    private static GenerationOptions options(int max, long seed) {
        SamplingParams sampling = seed < 0 ? SamplingParams.greedy()
                : SamplingParams.builder().temperature(0.9).seed(seed).build();
        return GenerationOptions.builder().maxTokens(max).sampling(sampling).build();
    }

    private static GenerationResult alone(int[] prompt, GenerationOptions options) {
        return model.generator().generate(model.newSession(128), prompt, options, TokenListener.none());
    }

    @Test
    void requestsBatchedTogetherGetWhatTheyGetAlone() {
        String[] texts = {"Once upon a time", "The quick brown fox jumps over the lazy dog again and again", "Hi", "abc abc abc"};
        int[] max = {12, 5, 20, 9};
        long[] seeds = {-1, 7, 11, -1};
        try (BatchScheduler s = new BatchScheduler(model, BatchConfig.of(4, 128).withPrefillChunk(5))) {
            List<GenerationHandle> handles = new ArrayList<>();
            for (int i = 0; i < texts.length; i++) {
                handles.add(s.submit(prompt(texts[i]), options(max[i], seeds[i]), TokenListener.none()));
            }
            for (int i = 0; i < texts.length; i++) {
                GenerationResult batched = handles.get(i).await();
                GenerationResult lone = alone(prompt(texts[i]), options(max[i], seeds[i]));
                assertThat(batched.tokens()).as("request %d", i).containsExactly(lone.tokens());
                assertThat(batched.text()).isEqualTo(lone.text());
                assertThat(batched.finishReason()).isEqualTo(lone.finishReason());
            }
            BatchMetrics m = s.metrics();
            assertThat(m.generatedTokens()).isEqualTo(12 + 5 + 20 + 9);
            assertThat(m.steps()).as("sequences advanced together").isLessThan(m.generatedTokens());
        }
    }

    @Test
    void requestsJoinAndLeaveBetweenStepsThroughTwoSlots() {
        try (BatchScheduler s = new BatchScheduler(model, BatchConfig.of(2, 128))) {
            List<GenerationHandle> handles = new ArrayList<>();
            List<int[]> prompts = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                prompts.add(prompt("request number " + i + " says"));
                handles.add(s.submit(prompts.get(i), options(3 + 4 * (i % 3), -1), TokenListener.none()));
            }
            assertThat(s.metrics().active() + s.metrics().queued()).isLessThanOrEqualTo(6);
            for (int i = 0; i < 6; i++) {
                assertThat(handles.get(i).await().tokens()).containsExactly(alone(prompts.get(i), options(3 + 4 * (i % 3), -1)).tokens());
            }
            BatchMetrics m = s.metrics();
            assertThat(m.active()).isZero();
            assertThat(m.queued()).isZero();
            assertThat(m.kvBytesAllocated()).isPositive().isLessThanOrEqualTo(2 * m.kvBytesPerSlot());
        }
    }

    @Test
    void aCancelledRequestEndsAtTheNextStepAndFreesItsSlot() throws Exception {
        try (BatchScheduler s = new BatchScheduler(model, BatchConfig.of(1, 128))) {
            AtomicInteger seen = new AtomicInteger();
            GenerationHandle[] self = new GenerationHandle[1];
            CountDownLatch submitted = new CountDownLatch(1);
            self[0] = s.submit(prompt("cancel me"), options(100, -1), (token, text) -> {
                try {
                    submitted.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                if (seen.incrementAndGet() == 3) {
                    self[0].cancel();
                }
            });
            submitted.countDown();
            GenerationHandle next = s.submit(prompt("then me"), options(4, -1), TokenListener.none());
            GenerationResult cancelled = self[0].await();
            assertThat(cancelled.finishReason()).isEqualTo(GenerationResult.FinishReason.CANCELLED);
            assertThat(cancelled.tokens()).hasSize(3);
            assertThat(next.result().get(30, TimeUnit.SECONDS).tokens())
                    .containsExactly(alone(prompt("then me"), options(4, -1)).tokens());
        }
    }

    @Test
    void beyondSlotsAndQueueARequestIsRefusedAtOnceWithARetryHint() throws Exception {
        try (BatchScheduler s = new BatchScheduler(model, BatchConfig.of(1, 128).withQueueCapacity(1))) {
            CountDownLatch release = new CountDownLatch(1);
            GenerationHandle running = s.submit(prompt("busy"), options(2, -1), (token, text) -> {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            GenerationHandle queued = s.submit(prompt("waiting"), options(2, -1), TokenListener.none());
            assertThatThrownBy(() -> s.submit(prompt("one too many"), options(2, -1), TokenListener.none()))
                    .isInstanceOfSatisfying(SchedulerOverloadedException.class,
                            e -> assertThat(e.retryAfter().toSeconds()).isPositive())
                    .hasMessageContaining("1 slots").hasMessageContaining("retry after");
            assertThat(s.metrics().refused()).isEqualTo(1);
            release.countDown();
            assertThat(running.await().tokens()).hasSize(2);
            assertThat(queued.await().tokens()).hasSize(2);
            assertThat(s.submit(prompt("room again"), options(2, -1), TokenListener.none()).await().tokens()).hasSize(2);
        }
    }

    @Test
    void aPromptOverTheContextIsRefusedBeforeTakingASlot() {
        try (BatchScheduler s = new BatchScheduler(model, BatchConfig.of(1, 16).withQueueCapacity(0))) {
            assertThatThrownBy(() -> s.submit(prompt("a prompt that is far too long for sixteen positions"), options(8, -1),
                    TokenListener.none())).isInstanceOf(ContextLengthExceededException.class);
            assertThat(s.submit(prompt("ok"), options(3, -1), TokenListener.none()).await().tokens()).hasSize(3);
        }
    }

    @Test
    void eachRequestKeepsItsOwnGrammarAndAFailingOneEndsAlone() {
        TokenConstraint digits = TokenConstraint.of(Gbnf.parse("root ::= [0-9]{4} \"!\""), model.tokenizer());
        try (BatchScheduler s = new BatchScheduler(model, BatchConfig.of(3, 128))) {
            GenerationOptions constrained = GenerationOptions.builder().maxTokens(20).constraint(digits).build();
            GenerationHandle a = s.submit(prompt("numbers:"), constrained, TokenListener.none());
            GenerationHandle b = s.submit(prompt("free text"), options(10, -1), TokenListener.none());
            GenerationHandle c = s.submit(prompt("fails"), options(10, -1), (token, text) -> {
                throw new IllegalStateException("listener broke");
            });
            assertThat(a.await().text()).matches("[0-9]{4}!");
            assertThat(b.await().tokens()).containsExactly(alone(prompt("free text"), options(10, -1)).tokens());
            assertThatThrownBy(c::await).hasMessage("listener broke");
        }
    }

    @Test
    void aRequestSharingAPrefixWithAFreeSlotStartsFromItsCache() {
        try (BatchScheduler s = new BatchScheduler(model, BatchConfig.of(2, 128))) {
            int[] first = prompt("The first turn of a long conversation");
            GenerationResult r1 = s.submit(first, options(6, -1), TokenListener.none()).await();
            s.submit(prompt("something unrelated"), options(2, -1), TokenListener.none()).await();
            int[] second = concat(first, r1.tokens(), prompt(" and more"));
            GenerationResult r2 = s.submit(second, options(6, -1), TokenListener.none()).await();
            assertThat(r2.reusedTokens()).isGreaterThanOrEqualTo(first.length);
            assertThat(r2.tokens()).containsExactly(alone(second, options(6, -1)).tokens());
            assertThat(s.metrics().reusedPromptTokens()).isGreaterThanOrEqualTo(first.length);
        }
    }

    private static int[] concat(int[]... parts) {
        return java.util.Arrays.stream(parts).flatMapToInt(java.util.Arrays::stream).toArray();
    }
}
