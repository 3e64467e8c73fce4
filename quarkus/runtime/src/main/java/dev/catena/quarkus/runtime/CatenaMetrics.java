package dev.catena.quarkus.runtime;

import dev.catena.core.callback.CallbackHandler;
import dev.catena.core.callback.RunInfo;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;

/**
 * Micrometer metrics of Catena runs: {@code catena.runs} (timer, by step name and outcome),
 * {@code catena.tokens.out} (streamed tokens, by step) and {@code catena.retries}. Registered only
 * when Micrometer is present; attached to every YAML chain and agent.
 */
@ApplicationScoped
public class CatenaMetrics implements CallbackHandler {

    @Inject
    MeterRegistry registry;

    @Override
    public void onEnd(RunInfo run, Object output) {
        record(run, "success");
    }

    @Override
    public void onError(RunInfo run, Throwable error) {
        record(run, "error");
    }

    @Override
    public void onToken(RunInfo run, String token) {
        Counter.builder("catena.tokens.out").tag("step", run.name()).register(registry).increment();
    }

    @Override
    public void onRetry(RunInfo run, int attempt, Throwable error) {
        Counter.builder("catena.retries").tag("step", run.name()).register(registry).increment();
    }

    private void record(RunInfo run, String outcome) {
        Timer.builder("catena.runs").tag("step", run.name()).tag("outcome", outcome)
                .register(registry).record(Duration.between(run.startedAt(), Instant.now()));
    }
}
