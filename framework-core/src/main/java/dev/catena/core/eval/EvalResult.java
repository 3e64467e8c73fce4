package dev.catena.core.eval;

import java.time.Duration;
import java.util.Objects;

/**
 * What one case gave.
 *
 * @param evalCase     the case
 * @param output       the output as text ("" when the run failed)
 * @param score        the scorer's verdict (a fail naming the error when the run failed)
 * @param latency      wall-clock time of the run
 * @param inputTokens  prompt tokens of every model call in the run (0 when the models report none)
 * @param outputTokens generated tokens of every model call in the run
 * @param error        the run's exception as one line, or null
 */
public record EvalResult(EvalCase evalCase, String output, Score score, Duration latency, long inputTokens, long outputTokens,
                         String error) {
    public EvalResult {
        Objects.requireNonNull(evalCase, "evalCase");
        Objects.requireNonNull(score, "score");
        Objects.requireNonNull(latency, "latency");
        output = output == null ? "" : output;
    }
}
