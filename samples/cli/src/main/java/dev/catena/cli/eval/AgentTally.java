package dev.catena.cli.eval;

import dev.catena.agents.AgentResult;
import dev.catena.agents.AgentStep;
import dev.catena.agents.StopReason;

import java.util.List;

/**
 * How one agent run went, beyond its answer: the replies that did not parse, the tool calls it made, why it
 * stopped ({@code null} when the run threw) and its steps as text lines.
 *
 * @param parseErrors replies the agent could not parse
 * @param toolCalls   tool calls made
 * @param stopReason  why the run ended
 * @param transcript  the steps in the ReAct text layout ({@code Thought: ...}, {@code Action: ...}), one line each
 */
record AgentTally(int parseErrors, int toolCalls, StopReason stopReason, List<String> transcript) {

    /** The tally of a run that threw before it ended. */
    static final AgentTally FAILED = new AgentTally(0, 0, null, List.of());

    AgentTally {
        transcript = List.copyOf(transcript);
    }

    /** Counts {@code result}'s steps: a parse error is an error observation that names no tool. */
    static AgentTally of(AgentResult result) {
        int parseErrors = (int) result.steps(AgentStep.Observation.class).stream().filter(o -> o.error() && o.tool() == null).count();
        List<String> transcript = result.steps().stream().map(AgentTally::line).toList();
        return new AgentTally(parseErrors, result.steps(AgentStep.Action.class).size(), result.stopReason(), transcript);
    }

    /** One step as one line, newlines shown as {@code \\n}. */
    private static String line(AgentStep step) {
        String text = switch (step) {
            case AgentStep.Thought t -> "Thought: " + t.text();
            case AgentStep.Action a -> "Action: " + a.tool() + " | Action Input: " + a.arguments();
            case AgentStep.Observation o -> "Observation" + (o.error() ? " (error)" : "") + ": " + o.text();
            case AgentStep.Plan p -> "Plan: " + String.join(" / ", p.steps());
            case AgentStep.StepDone d -> "Step done: " + d.step() + " -> " + d.result();
            case AgentStep.FinalAnswer f -> "Final Answer: " + f.text();
        };
        return text.replace("\n", "\\n");
    }
}
