package dev.catena.agents;

import java.util.List;

/**
 * One intermediate step of an agent run, as a UI shows it. Agents report each step as a run event
 * named {@link #eventName()} (see {@link dev.catena.core.runnable.RunContext#event}) and collect all
 * of them in {@link AgentResult#steps()}.
 */
public sealed interface AgentStep {

    /** The event name under which the step is reported, e.g. {@code agent.action}. */
    String eventName();

    /** The model's reasoning before it acts or answers. */
    record Thought(String text) implements AgentStep {
        public String eventName() { return "agent.thought"; }
    }

    /**
     * The model asked to call a tool.
     *
     * @param callId    id linking the call to its {@link Observation}
     * @param tool      the tool name as the model wrote it
     * @param arguments the arguments as the model wrote them (JSON or text)
     */
    record Action(String callId, String tool, String arguments) implements AgentStep {
        public String eventName() { return "agent.action"; }
    }

    /**
     * What the agent told the model after an action, or after output it could not parse.
     *
     * @param callId the id of the {@link Action}, or null for a parse error
     * @param tool   the tool called, or null for a parse error
     * @param text   the tool's result or the error text
     * @param error  true when the text reports a failure (unknown tool, bad arguments, exception, denial, timeout)
     */
    record Observation(String callId, String tool, String text, boolean error) implements AgentStep {
        public String eventName() { return "agent.observation"; }
    }

    /** A plan written or revised by a plan-and-execute agent. */
    record Plan(List<String> steps) implements AgentStep {
        public Plan {
            steps = List.copyOf(steps);
        }
        public String eventName() { return "agent.plan"; }
    }

    /** One plan step finished by the executor, with its result. */
    record StepDone(String step, String result) implements AgentStep {
        public String eventName() { return "agent.step_done"; }
    }

    /** The agent's answer; the last step of a run that completed. */
    record FinalAnswer(String text) implements AgentStep {
        public String eventName() { return "agent.final"; }
    }
}
