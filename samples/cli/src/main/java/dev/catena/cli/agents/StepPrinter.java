package dev.catena.cli.agents;

import dev.catena.agents.AgentResult;
import dev.catena.agents.AgentStep;
import dev.catena.core.callback.CallbackHandler;
import dev.catena.core.callback.RunInfo;

import java.io.PrintWriter;
import java.util.Objects;
import java.util.UUID;

/**
 * Prints agent steps in the ReAct text layout as the agent reports them ({@code Thought:},
 * {@code Action:}, {@code Action Input:}, {@code Observation:}, {@code Final Answer:}), one flush per
 * step so a terminal shows each step when it happens. Steps of a nested agent (the executor of a
 * plan-and-execute agent) are indented by four spaces.
 */
public final class StepPrinter implements CallbackHandler {

    private final PrintWriter out;
    private volatile UUID root;

    public StepPrinter(PrintWriter out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    @Override
    public void onStart(RunInfo run, Object input) {
        if (root == null && run.parentRunId() == null) root = run.runId();
    }

    @Override
    public void onEvent(RunInfo run, String name, Object payload) {
        if (payload instanceof AgentStep step) print(step, root != null && !root.equals(run.runId()) ? "    " : "");
    }

    /** Prints one step, each line after {@code indent}. */
    public void print(AgentStep step, String indent) {
        synchronized (out) {
            switch (step) {
                case AgentStep.Thought t -> line(indent, "Thought: " + t.text());
                case AgentStep.Action a -> {
                    line(indent, "Action: " + a.tool());
                    line(indent, "Action Input: " + a.arguments());
                }
                case AgentStep.Observation o -> line(indent, "Observation: " + o.text());
                case AgentStep.Plan p -> {
                    line(indent, "Plan:");
                    for (int i = 0; i < p.steps().size(); i++) line(indent, "  " + (i + 1) + ". " + p.steps().get(i));
                }
                case AgentStep.StepDone d -> line(indent, "Step done: " + d.step() + " -> " + d.result());
                case AgentStep.FinalAnswer f -> line(indent, "Final Answer: " + f.text());
            }
            out.flush();
        }
    }

    private void line(String indent, String text) {
        if (indent.isEmpty()) {
            out.println(text);
        } else {
            text.lines().forEach(l -> out.println(indent + l));
        }
    }

    /** Prints how the run ended: the stop reason, and the agent's message when a bound stopped it. */
    public void printEnd(AgentResult result) {
        synchronized (out) {
            if (!result.answered()) out.println(result.output());
            out.println("Stop reason: " + result.stopReason());
            out.flush();
        }
    }
}
