package dev.catena.agents;

import java.time.Duration;
import java.util.Objects;

/**
 * Bounds on one agent run. A run that reaches a bound ends with a {@link StopReason} other than
 * {@link StopReason#FINAL_ANSWER}; it never loops forever.
 *
 * @param maxIterations  the most model turns (default 10)
 * @param maxWallTime    the most time for the whole run, model and tool calls included (default 2 minutes)
 * @param maxToolCalls   the most tool calls (default 25)
 * @param maxParseErrors the most model outputs that could not be parsed (default 3)
 * @param toolTimeout    the most time one tool call may take (default 30 seconds)
 */
public record AgentLimits(int maxIterations, Duration maxWallTime, int maxToolCalls, int maxParseErrors,
                          Duration toolTimeout) {

    public AgentLimits {
        positive("maxIterations", maxIterations);
        positive("maxToolCalls", maxToolCalls);
        positive("maxParseErrors", maxParseErrors);
        positive("maxWallTime", maxWallTime);
        positive("toolTimeout", toolTimeout);
    }

    /** The defaults: 10 iterations, 2 minutes, 25 tool calls, 3 parse errors, 30 s per tool call. */
    public static AgentLimits defaults() {
        return new AgentLimits(10, Duration.ofMinutes(2), 25, 3, Duration.ofSeconds(30));
    }

    public AgentLimits withMaxIterations(int n) {
        return new AgentLimits(n, maxWallTime, maxToolCalls, maxParseErrors, toolTimeout);
    }

    public AgentLimits withMaxWallTime(Duration d) {
        return new AgentLimits(maxIterations, d, maxToolCalls, maxParseErrors, toolTimeout);
    }

    public AgentLimits withMaxToolCalls(int n) {
        return new AgentLimits(maxIterations, maxWallTime, n, maxParseErrors, toolTimeout);
    }

    public AgentLimits withMaxParseErrors(int n) {
        return new AgentLimits(maxIterations, maxWallTime, maxToolCalls, n, toolTimeout);
    }

    public AgentLimits withToolTimeout(Duration d) {
        return new AgentLimits(maxIterations, maxWallTime, maxToolCalls, maxParseErrors, d);
    }

    private static void positive(String field, int value) {
        if (value < 1) throw new IllegalArgumentException("AgentLimits." + field + " must be at least 1, was " + value);
    }

    private static void positive(String field, Duration value) {
        Objects.requireNonNull(value, "AgentLimits." + field);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("AgentLimits." + field + " must be positive, was " + value);
        }
    }
}
