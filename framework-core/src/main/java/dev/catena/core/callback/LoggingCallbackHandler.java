package dev.catena.core.callback;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;

/**
 * Logs runs through SLF4J (logger {@code dev.catena.runs}): start and end at DEBUG with run and
 * parent ids and the duration, retries at INFO, errors at WARN. Inputs and outputs are not logged,
 * so prompts and secrets in them stay out of log files.
 */
public final class LoggingCallbackHandler implements CallbackHandler {

    private final Logger log;

    public LoggingCallbackHandler() {
        this(LoggerFactory.getLogger("dev.catena.runs"));
    }

    public LoggingCallbackHandler(Logger log) {
        this.log = log;
    }

    @Override
    public void onStart(RunInfo run, Object input) {
        log.debug("run start {} id={} parent={} tags={}", run.name(), run.runId(), run.parentRunId(), run.tags());
    }

    @Override
    public void onEnd(RunInfo run, Object output) {
        log.debug("run end {} id={} in {} ms", run.name(), run.runId(), elapsedMs(run));
    }

    @Override
    public void onError(RunInfo run, Throwable error) {
        log.warn("run error {} id={} after {} ms: {}", run.name(), run.runId(), elapsedMs(run), error.toString());
    }

    @Override
    public void onRetry(RunInfo run, int attempt, Throwable error) {
        log.info("run retry {} id={} attempt {} failed: {}", run.name(), run.runId(), attempt, error.toString());
    }

    private static long elapsedMs(RunInfo run) {
        return Duration.between(run.startedAt(), Instant.now()).toMillis();
    }
}
