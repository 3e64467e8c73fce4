package dev.catena.cli.eval;

import dev.catena.agents.AgentResult;
import dev.catena.agents.AgentStep;
import dev.catena.agents.StopReason;

/**
 * How one agent run went, beyond its answer: the replies that did not parse, the tool calls it made and why it
 * stopped ({@code null} when the run threw).
 *
 * @param parseErrors replies the agent could not parse
 * @param toolCalls   tool calls made
 * @param stopReason  why the run ended
 */
record AgentTally(int parseErrors, int toolCalls, StopReason stopReason) {

    /** The tally of a run that threw before it ended. */
    static final AgentTally FAILED = new AgentTally(0, 0, null);

    /** Counts {@code result}'s steps: a parse error is an error observation that names no tool. */
    static AgentTally of(AgentResult result) {
        int parseErrors = (int) result.steps(AgentStep.Observation.class).stream().filter(o -> o.error() && o.tool() == null).count();
        return new AgentTally(parseErrors, result.steps(AgentStep.Action.class).size(), result.stopReason());
    }
}
