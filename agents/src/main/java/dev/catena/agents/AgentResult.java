package dev.catena.agents;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of an agent run.
 *
 * @param output     the final answer, or a message saying which bound stopped the run
 * @param steps      every intermediate step in order (thoughts, actions, observations, plans, final answer)
 * @param stopReason why the run ended
 */
public record AgentResult(String output, List<AgentStep> steps, StopReason stopReason) {

    public AgentResult {
        Objects.requireNonNull(output, "output");
        steps = List.copyOf(steps);
        Objects.requireNonNull(stopReason, "stopReason");
    }

    /** True when the model gave a final answer rather than hitting a bound. */
    public boolean answered() {
        return stopReason == StopReason.FINAL_ANSWER;
    }

    /** The steps of the given type, in order. */
    public <S extends AgentStep> List<S> steps(Class<S> type) {
        return steps.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
