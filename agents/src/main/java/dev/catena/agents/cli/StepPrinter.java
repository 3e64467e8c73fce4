package dev.catena.agents.cli;

import dev.catena.agents.AgentResult;
import dev.catena.agents.AgentStep;
import dev.catena.core.callback.CallbackHandler;
import dev.catena.core.callback.RunInfo;

import java.io.PrintWriter;
import java.util.Objects;

/**
 * Prints agent steps in the ReAct text layout as the agent reports them ({@code Thought:},
 * {@code Action:}, {@code Action Input:}, {@code Observation:}, {@code Final Answer:}), one flush per
 * step so a terminal shows each step when it happens.
 */
public final class StepPrinter implements CallbackHandler {

    private final PrintWriter out;

    public StepPrinter(PrintWriter out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    @Override
    public void onEvent(RunInfo run, String name, Object payload) {
        if (payload instanceof AgentStep step) print(step);
    }

    /** Prints one step. */
    public void print(AgentStep step) {
        synchronized (out) {
            switch (step) {
                case AgentStep.Thought t -> out.println("Thought: " + t.text());
                case AgentStep.Action a -> {
                    out.println("Action: " + a.tool());
                    out.println("Action Input: " + a.arguments());
                }
                case AgentStep.Observation o -> out.println("Observation: " + o.text());
                case AgentStep.Plan p -> {
                    out.println("Plan:");
                    for (int i = 0; i < p.steps().size(); i++) out.println("  " + (i + 1) + ". " + p.steps().get(i));
                }
                case AgentStep.StepDone d -> out.println("Step done: " + d.step() + " -> " + d.result());
                case AgentStep.FinalAnswer f -> out.println("Final Answer: " + f.text());
            }
            out.flush();
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
