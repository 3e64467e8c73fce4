package dev.catena.core.eval;

import dev.catena.core.callback.CallbackHandler;
import dev.catena.core.callback.RunInfo;
import dev.catena.core.model.ModelEvents;
import dev.catena.core.runnable.RunConfig;
import dev.catena.core.runnable.Runnable;
import dev.langchain4j.model.output.TokenUsage;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs a {@link Runnable} (a chain, an agent...) over the cases of a dataset, one after the other, and scores each
 * output. Token counts come from the model calls the run reports ({@link ModelEvents.Response}); a case whose run
 * throws is a failed case with the error, not the end of the evaluation.
 *
 * @param <O> what the runnable returns; {@code outputText} turns it into the text the scorer sees
 */
public final class Evaluation<O> {
    private final String name;
    private final Runnable<String, O> target;
    private final Function<? super O, String> outputText;
    private final Scorer scorer;

    private Evaluation(String name, Runnable<String, O> target, Function<? super O, String> outputText, Scorer scorer) {
        this.name = Objects.requireNonNull(name, "name");
        this.target = Objects.requireNonNull(target, "target");
        this.outputText = Objects.requireNonNull(outputText, "outputText");
        this.scorer = Objects.requireNonNull(scorer, "scorer");
    }

    /** An evaluation of {@code target}, whose output is scored as {@code String.valueOf(output)}. */
    public static <O> Evaluation<O> of(String name, Runnable<String, O> target, Scorer scorer) {
        return new Evaluation<>(name, target, String::valueOf, scorer);
    }

    /** The same evaluation, with the scorer seeing {@code outputText.apply(output)}. */
    public Evaluation<O> outputText(Function<? super O, String> outputText) {
        return new Evaluation<>(name, target, outputText, scorer);
    }

    /** Runs every case; {@code progress} sees each result as it is made. */
    public EvalReport run(List<EvalCase> cases, Consumer<EvalResult> progress) {
        Instant started = Instant.now();
        List<EvalResult> results = new ArrayList<>();
        for (EvalCase c : cases) {
            EvalResult r = runOne(c);
            results.add(r);
            progress.accept(r);
        }
        return new EvalReport(name, started, results);
    }

    public EvalReport run(List<EvalCase> cases) {
        return run(cases, r -> {});
    }

    private EvalResult runOne(EvalCase c) {
        AtomicLong in = new AtomicLong();
        AtomicLong out = new AtomicLong();
        CallbackHandler tokens = new CallbackHandler() {
            @Override
            public void onEvent(RunInfo run, String event, Object payload) {
                if (payload instanceof ModelEvents.Response(var response) && response.tokenUsage() != null) {
                    TokenUsage usage = response.tokenUsage();
                    if (usage.inputTokenCount() != null) in.addAndGet(usage.inputTokenCount());
                    if (usage.outputTokenCount() != null) out.addAndGet(usage.outputTokenCount());
                }
            }
        };
        long start = System.nanoTime();
        String output;
        try {
            output = outputText.apply(target.invoke(c.input(), RunConfig.builder().addCallback(tokens).build()));
        } catch (RuntimeException e) {
            Duration latency = Duration.ofNanos(System.nanoTime() - start);
            String error = e.getClass().getSimpleName() + ": " + e.getMessage();
            return new EvalResult(c, "", Score.fail("error"), latency, in.get(), out.get(), error);
        }
        Duration latency = Duration.ofNanos(System.nanoTime() - start);
        return new EvalResult(c, output, scorer.score(c, output == null ? "" : output), latency, in.get(), out.get(), null);
    }
}
