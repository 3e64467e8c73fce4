package dev.catena.agents;

/**
 * Decides whether a tool call may run (human in the loop). Called before every tool call, after the
 * tool was found; a denial becomes an observation for the model and the tool does not run. May be
 * called from several threads at once when a model asks for parallel tool calls.
 */
@FunctionalInterface
public interface ApprovalHook {

    /** Lets every call run. */
    ApprovalHook APPROVE_ALL = action -> Approval.approve();

    /** Reviews the call the model asked for. */
    Approval review(AgentStep.Action action);
}
