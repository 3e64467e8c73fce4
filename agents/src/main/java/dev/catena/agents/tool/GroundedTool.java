package dev.catena.agents.tool;

import dev.langchain4j.agent.tool.ToolSpecification;

import java.util.Optional;

/**
 * A tool whose arguments can be held to what an agent's run has seen: the numbers of a calculation, the URL to fetch.
 * An agent whose model constrains its decoding asks for this specification instead of {@link #specification()} at
 * each turn (ReAct with {@code groundArguments}), so a small model cannot call the tool with values it made up, and
 * cannot call it at all when nothing it has read could go into a call.
 */
public interface GroundedTool extends AgentTool {

    /**
     * This tool's specification with its arguments drawn from {@code seen} (the question and the tools' results so
     * far), or empty when no valid call can be made from it.
     */
    Optional<ToolSpecification> groundedIn(String seen);
}
