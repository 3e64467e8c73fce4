package dev.catena.core.callback;

/**
 * Observes runs: start, end, error, tokens, retries and custom events. Every method has a no-op
 * default, so a handler overrides only what it needs. Handlers must be thread-safe: runs of a
 * batch or a parallel step report concurrently. A handler that throws is logged and ignored.
 */
public interface CallbackHandler {

    default void onStart(RunInfo run, Object input) {}

    default void onEnd(RunInfo run, Object output) {}

    default void onError(RunInfo run, Throwable error) {}

    default void onToken(RunInfo run, String token) {}

    default void onRetry(RunInfo run, int attempt, Throwable error) {}

    default void onEvent(RunInfo run, String name, Object payload) {}
}
