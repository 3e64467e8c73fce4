package dev.catena.core.runnable;

import dev.catena.core.callback.RunInfo;
import dev.catena.core.model.ChatModelRunnable;
import dev.catena.core.parser.StringOutputParser;
import dev.catena.core.support.FakeChatModel;
import dev.catena.core.support.RecordingHandler;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CompositionTest {

    private static final Runnable<Integer, Integer> PLUS_ONE = Runnables.lambda("plusOne", (Integer x) -> x + 1);
    private static final Runnable<Integer, Integer> TIMES_TWO = Runnables.lambda("timesTwo", (Integer x) -> x * 2);

    @Test
    void lambdaAndPipeRunInOrder() {
        assertThat(PLUS_ONE.invoke(1)).isEqualTo(2);
        assertThat(PLUS_ONE.pipe(TIMES_TWO).invoke(3)).isEqualTo(8);
        assertThat(TIMES_TWO.pipe(PLUS_ONE).map(x -> "v" + x).invoke(3)).isEqualTo("v7");
    }

    @Test
    void sequenceFlattensAndRunsEveryStep() {
        Runnable<Integer, Integer> seq = Runnables.sequence(PLUS_ONE, TIMES_TWO, PLUS_ONE);
        assertThat(seq.invoke(1)).isEqualTo(5);
        assertThat(((RunnableSequence<?, ?>) PLUS_ONE.pipe(TIMES_TWO).pipe(PLUS_ONE)).steps()).hasSize(3);
        assertThatThrownBy(() -> RunnableSequence.ofSteps(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void streamingPassesThroughASequenceTokenByToken() throws Exception {
        // the model sends each token only after the consumer took the one before: a chain that buffered
        // the stream would never get past the first token
        List<String> tokens = List.of("Hel", "lo", " wor", "ld");
        Semaphore taken = new Semaphore(0);
        StreamingChatModel lockstep = new StreamingChatModel() {
            @Override
            public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
                Thread.ofVirtual().start(() -> {
                    try {
                        for (String token : tokens) {
                            handler.onPartialResponse(token);
                            if (!taken.tryAcquire(10, TimeUnit.SECONDS)) {
                                handler.onError(new AssertionError("'" + token + "' did not reach the consumer before the next token"));
                                return;
                            }
                        }
                        handler.onCompleteResponse(ChatResponse.builder().aiMessage(AiMessage.from(String.join("", tokens))).build());
                    } catch (InterruptedException e) {
                        handler.onError(e);
                    }
                });
            }
        };
        Runnable<Object, String> chain = ChatModelRunnable.of(lockstep).pipe(StringOutputParser.create());

        List<String> chunks = new ArrayList<>();
        try (RunStream<String> s = chain.stream("hi")) {
            while (s.hasNext()) {
                chunks.add(s.next());
                taken.release();
            }
        }
        assertThat(chunks).containsExactly("Hel", "lo", " wor", "ld");
    }

    @Test
    void nonStreamingStepInASequenceWaitsForTheWholeInput() {
        Runnable<Object, String> chain = Runnables.<Object, String>lambda(x -> "a b c")
                .pipe(Runnables.lambda((String s) -> s.toUpperCase()));
        assertThat(chain.stream("x").toList()).containsExactly("A B C");
    }

    @Test
    void closingTheStreamCancelsTheProducer() throws Exception {
        FakeChatModel model = FakeChatModel.tokens(List.of("a", "b", "c", "d", "e", "f", "g", "h")).delay(Duration.ofMillis(20));
        Runnable<Object, String> chain = ChatModelRunnable.of((StreamingChatModel) model).pipe(StringOutputParser.create());

        try (RunStream<String> s = chain.stream("go")) {
            assertThat(s.next()).isEqualTo("a");
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!model.producerStopped && System.nanoTime() < deadline) Thread.sleep(5);
        assertThat(model.producerStopped).isTrue();
        assertThat(model.tokensSent.get()).isLessThan(8);
    }

    @Test
    void parallelRunsBranchesConcurrentlyAndCollectsByName() {
        // each branch waits inside its run until the other has started: run one after the other, both would fail
        CountDownLatch bothRunning = new CountDownLatch(2);
        Runnable<Integer, Integer> slowA = Runnables.lambda((Integer x) -> { meet(bothRunning); return x + 1; });
        Runnable<Integer, Integer> slowB = Runnables.lambda((Integer x) -> { meet(bothRunning); return x * 10; });
        Map<String, Object> out = Runnables.parallel(Map.of("a", slowA, "b", slowB)).invoke(4);

        assertThat(out).containsEntry("a", 5).containsEntry("b", 40);
        assertThat(PLUS_ONE.pipeParallel(Map.of("same", Runnables.passthrough())).invoke(1)).containsEntry("same", 2);
    }

    /** Counts down and waits for the other parties; fails when they do not arrive while this one waits. */
    private static void meet(CountDownLatch latch) {
        latch.countDown();
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) throw new IllegalStateException("the other branch never ran at the same time");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void parallelPropagatesABranchFailure() {
        Runnable<Integer, Integer> boom = Runnables.lambda((Integer x) -> { throw new IllegalStateException("branch broke"); });
        assertThatThrownBy(() -> Runnables.parallel(Map.of("ok", PLUS_ONE, "bad", boom)).invoke(1))
                .isInstanceOf(IllegalStateException.class).hasMessage("branch broke");
    }

    @Test
    void branchRoutesByPredicate() {
        Runnable<Integer, String> router = Runnables.<Integer, String>branch()
                .when(x -> x < 0, Runnables.lambda(x -> "negative"))
                .when(x -> x == 0, Runnables.lambda(x -> "zero"))
                .otherwise(Runnables.lambda(x -> "positive"));
        assertThat(List.of(-3, 0, 7).stream().map(router::invoke)).containsExactly("negative", "zero", "positive");
        assertThat(router.stream(0).toList()).containsExactly("zero");
    }

    @Test
    void passthroughAndAssign() {
        assertThat(Runnables.<String>passthrough().invoke("same")).isEqualTo("same");
        Runnable<Map<String, Object>, Map<String, Object>> assign = Runnables.assign(Map.of(
                "length", Runnables.lambda((Map<String, Object> m) -> ((String) m.get("text")).length())));
        assertThat(assign.invoke(Map.of("text", "hello"))).containsEntry("text", "hello").containsEntry("length", 5);
    }

    @Test
    void batchKeepsOrderAndEnforcesMaxConcurrency() {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        Runnable<Integer, Integer> tracked = Runnables.lambda((Integer x) -> {
            int now = running.incrementAndGet();
            peak.accumulateAndGet(now, Math::max);
            sleep(40);
            running.decrementAndGet();
            return x * x;
        });

        List<Integer> out = tracked.batch(List.of(1, 2, 3, 4, 5, 6, 7, 8), RunConfig.builder().maxConcurrency(3).build());

        assertThat(out).containsExactly(1, 4, 9, 16, 25, 36, 49, 64);
        assertThat(peak.get()).isEqualTo(3);
    }

    @Test
    void batchStartsInputsInTheirOrder() {
        // with one at a time the calls are sequential in input order (a map step feeding a stateful model relies on it)
        for (int repeat = 0; repeat < 50; repeat++) {
            List<Integer> started = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
            Runnable<Integer, Integer> step = Runnables.lambda((Integer x) -> {
                started.add(x);
                return x;
            });
            step.batch(List.of(1, 2, 3, 4, 5, 6), RunConfig.builder().maxConcurrency(1).build());
            assertThat(started).containsExactly(1, 2, 3, 4, 5, 6);
        }
    }

    @Test
    void batchThrowsTheFirstFailureAfterAllFinish() {
        AtomicInteger done = new AtomicInteger();
        Runnable<Integer, Integer> step = Runnables.lambda((Integer x) -> {
            if (x == 2) throw new IllegalArgumentException("bad input 2");
            done.incrementAndGet();
            return x;
        });
        assertThatThrownBy(() -> step.batch(List.of(1, 2, 3))).hasMessage("bad input 2");
        assertThat(done.get()).isEqualTo(2);
    }

    @Test
    void invokeAsyncRunsOnAVirtualThread() throws Exception {
        CompletableFuture<Boolean> virtual = Runnables.lambda((Integer x) -> Thread.currentThread().isVirtual()).invokeAsync(1);
        assertThat(virtual.get(5, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Integer> failed = Runnables.<Integer, Integer>lambda(x -> { throw new IllegalStateException("async"); }).invokeAsync(1);
        assertThatThrownBy(() -> failed.get(5, TimeUnit.SECONDS)).hasRootCauseMessage("async");
    }

    @Test
    void retryBacksOffExponentiallyAndReportsRetries() {
        AtomicInteger calls = new AtomicInteger();
        List<Long> times = new CopyOnWriteArrayList<>();
        Runnable<String, String> flaky = Runnables.lambda((String s) -> {
            times.add(System.nanoTime());
            if (calls.incrementAndGet() < 3) throw new IllegalStateException("transient " + calls.get());
            return s + "!";
        });
        RecordingHandler h = new RecordingHandler();
        RetryPolicy policy = RetryPolicy.builder().maxAttempts(3).initialDelay(Duration.ofMillis(40)).multiplier(2).jitter(false).build();

        String out = flaky.withRetry(policy).invoke("ok", RunConfig.builder().addCallback(h).build());

        assertThat(out).isEqualTo("ok!");
        assertThat(calls.get()).isEqualTo(3);
        long firstGap = TimeUnit.NANOSECONDS.toMillis(times.get(1) - times.get(0));
        long secondGap = TimeUnit.NANOSECONDS.toMillis(times.get(2) - times.get(1));
        assertThat(firstGap).isGreaterThanOrEqualTo(40);
        assertThat(secondGap).isGreaterThanOrEqualTo(80);
        assertThat(h.ofKind("retry")).extracting(RecordingHandler.Event::payload).containsExactly(1, 2);
    }

    @Test
    void retryGivesUpAfterMaxAttemptsAndOnlyRetriesWhatThePredicateAccepts() {
        AtomicInteger calls = new AtomicInteger();
        Runnable<String, String> alwaysFails = Runnables.lambda((String s) -> {
            calls.incrementAndGet();
            throw new IllegalStateException("down");
        });
        RetryPolicy fast = RetryPolicy.builder().maxAttempts(4).initialDelay(Duration.ofMillis(1)).build();
        assertThatThrownBy(() -> alwaysFails.withRetry(fast).invoke("x")).hasMessage("down");
        assertThat(calls.get()).isEqualTo(4);

        calls.set(0);
        RetryPolicy onlyIo = RetryPolicy.builder().maxAttempts(4).initialDelay(Duration.ofMillis(1))
                .retryOn(java.io.UncheckedIOException.class).build();
        assertThatThrownBy(() -> alwaysFails.withRetry(onlyIo).invoke("x")).hasMessage("down");
        assertThat(calls.get()).isEqualTo(1);
    }

    @Test
    void jitteredDelayStaysWithinBounds() {
        RetryPolicy p = RetryPolicy.builder().initialDelay(Duration.ofMillis(100)).multiplier(2).maxDelay(Duration.ofMillis(300)).build();
        for (int i = 0; i < 50; i++) {
            assertThat(p.delayAfter(1).toMillis()).isBetween(50L, 100L);
            assertThat(p.delayAfter(5).toMillis()).isBetween(150L, 300L);
        }
    }

    @Test
    void fallbacksAreTriedInOrder() {
        Runnable<String, String> broken = Runnables.lambda((String s) -> { throw new IllegalStateException("primary down"); });
        Runnable<String, String> alsoBroken = Runnables.lambda((String s) -> { throw new IllegalStateException("backup down"); });
        Runnable<String, String> good = Runnables.lambda((String s) -> "fallback:" + s);

        assertThat(broken.withFallbacks(List.of(alsoBroken, good)).invoke("q")).isEqualTo("fallback:q");
        assertThatThrownBy(() -> broken.withFallbacks(List.of(alsoBroken)).invoke("q"))
                .hasMessage("primary down")
                .satisfies(e -> assertThat(e.getSuppressed()).extracting(Throwable::getMessage).containsExactly("backup down"));
        assertThatThrownBy(() -> broken.withFallbacks(List.of(good), e -> e instanceof java.io.UncheckedIOException).invoke("q"))
                .hasMessage("primary down");
    }

    @Test
    void timeoutFailsSlowStepsAndInterruptsThem() throws Exception {
        CompletableFuture<Boolean> interrupted = new CompletableFuture<>();
        Runnable<String, String> slow = Runnables.lambda((String s) -> {
            try {
                Thread.sleep(5_000);
                interrupted.complete(false);
            } catch (InterruptedException e) {
                interrupted.complete(true);
            }
            return s;
        });
        assertThatThrownBy(() -> slow.withTimeout(Duration.ofMillis(100)).invoke("x"))
                .isInstanceOfSatisfying(RunTimeoutException.class, e -> assertThat(e.timeout()).isEqualTo(Duration.ofMillis(100)))
                .hasMessageContaining("100 ms");
        assertThat(interrupted.get(5, TimeUnit.SECONDS)).isTrue();
        assertThat(PLUS_ONE.withTimeout(Duration.ofSeconds(5)).invoke(1)).isEqualTo(2);
    }

    @Test
    void withConfigBindsTagsMetadataAndCallbacksToNestedRuns() {
        RecordingHandler h = new RecordingHandler();
        Runnable<Integer, Integer> chain = PLUS_ONE.pipe(TIMES_TWO)
                .withConfig(RunConfig.builder().tag("bound").putMetadata("user", "ada").addCallback(h).build());

        assertThat(chain.invoke(1, RunConfig.builder().tag("call").build())).isEqualTo(4);

        RunInfo seq = h.started("Sequence");
        RunInfo inner = h.started("timesTwo");
        assertThat(seq.tags()).containsExactlyInAnyOrder("bound", "call");
        assertThat(inner.tags()).containsExactlyInAnyOrder("bound", "call");
        assertThat(inner.metadata()).containsEntry("user", "ada");
        assertThat(inner.parentRunId()).isEqualTo(seq.runId());
        assertThat(h.ofKind("end")).hasSize(3);
    }

    @Test
    void namedStepsAppearInTraces() {
        RecordingHandler h = new RecordingHandler();
        PLUS_ONE.named("increment").invoke(1, RunConfig.builder().addCallback(h).build());
        assertThat(h.started("increment")).isNotNull();
    }

    @Test
    void errorsAreReportedToCallbacks() {
        RecordingHandler h = new RecordingHandler();
        Runnable<Integer, Integer> boom = Runnables.lambda("boom", (Integer x) -> { throw new IllegalStateException("nope"); });
        assertThatThrownBy(() -> PLUS_ONE.pipe(boom).invoke(1, RunConfig.builder().addCallback(h).build())).hasMessage("nope");
        assertThat(h.ofKind("error")).extracting(e -> e.run().name()).containsExactly("boom", "Sequence");
    }

    @Test
    void modelTokensAreReportedAsCallbacks() {
        RecordingHandler h = new RecordingHandler();
        FakeChatModel model = FakeChatModel.tokens(List.of("x", "y"));
        List<AiMessage> out = ChatModelRunnable.of((StreamingChatModel) model).stream("q", RunConfig.builder().addCallback(h).build()).toList();
        assertThat(out).extracting(AiMessage::text).containsExactly("x", "y");
        assertThat(h.ofKind("token")).extracting(RecordingHandler.Event::payload).containsExactly("x", "y");
        assertThat(h.ofKind("end").getFirst().payload()).isEqualTo(AiMessage.from("xy"));
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RunException("interrupted", e);
        }
    }
}
