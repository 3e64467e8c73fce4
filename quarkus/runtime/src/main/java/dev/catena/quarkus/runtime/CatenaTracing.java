package dev.catena.quarkus.runtime;

import dev.catena.core.callback.CallbackHandler;
import dev.catena.core.callback.RunInfo;
import dev.catena.core.tracing.OpenTelemetryCallbackHandler;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * OpenTelemetry traces of Catena runs, following the GenAI semantic conventions: one span per chain,
 * agent, model and tool step, nested as the runs are. Registered only when the OpenTelemetry API is on
 * the class path; uses the application's {@link OpenTelemetry} bean (as quarkus-opentelemetry provides)
 * or else {@link GlobalOpenTelemetry}. Attached, like every {@link CallbackHandler} bean, to each YAML
 * chain and agent.
 */
@Singleton
public class CatenaTracing implements CallbackHandler {

    private final CallbackHandler spans;

    @Inject
    public CatenaTracing(Instance<OpenTelemetry> openTelemetry) {
        this.spans = OpenTelemetryCallbackHandler.create(
                openTelemetry.isResolvable() ? openTelemetry.get() : GlobalOpenTelemetry.get());
    }

    @Override
    public void onStart(RunInfo run, Object input) {
        spans.onStart(run, input);
    }

    @Override
    public void onEnd(RunInfo run, Object output) {
        spans.onEnd(run, output);
    }

    @Override
    public void onError(RunInfo run, Throwable error) {
        spans.onError(run, error);
    }

    @Override
    public void onToken(RunInfo run, String token) {
        spans.onToken(run, token);
    }

    @Override
    public void onRetry(RunInfo run, int attempt, Throwable error) {
        spans.onRetry(run, attempt, error);
    }

    @Override
    public void onEvent(RunInfo run, String name, Object payload) {
        spans.onEvent(run, name, payload);
    }
}
