package dev.catena.core.runnable;

import dev.catena.core.callback.CallbackHandler;
import dev.catena.core.callback.RunInfo;

import java.util.UUID;

/**
 * One run in progress: its id, its parent's id, its config, and the means to report tokens and
 * retries and to start nested runs ({@link #child()}).
 */
public final class RunContext {

    private final RunInfo info;
    private final RunConfig config;

    RunContext(RunInfo info, RunConfig config) {
        this.info = info;
        this.config = config;
    }

    /** A context for code that runs outside any traced run (e.g. tests calling doInvoke directly). */
    public static RunContext detached(String name) {
        RunConfig config = RunConfig.defaults();
        return new RunContext(RunInfo.start(name, config), config);
    }

    public UUID runId() { return info.runId(); }

    public UUID parentRunId() { return info.parentRunId(); }

    public RunInfo info() { return info; }

    /** The config this run was called with. */
    public RunConfig config() { return config; }

    /** The config to pass to nested runs so they become children of this run. */
    public RunConfig child() { return config.childOf(info.runId()); }

    /** Reports a generated token (or text delta) of this run. */
    public void token(String token) {
        for (CallbackHandler h : config.callbacks()) Callbacks.safely(h, x -> x.onToken(info, token));
    }

    /** Reports that attempt {@code attempt} failed with {@code error} and will be retried. */
    public void retry(int attempt, Throwable error) {
        for (CallbackHandler h : config.callbacks()) Callbacks.safely(h, x -> x.onRetry(info, attempt, error));
    }

    /** Reports a custom event (e.g. an agent step) with a name and payload. */
    public void event(String name, Object payload) {
        for (CallbackHandler h : config.callbacks()) Callbacks.safely(h, x -> x.onEvent(info, name, payload));
    }
}
