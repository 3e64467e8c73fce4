package dev.catena.agents;

/** Why an agent run ended. Only {@link #FINAL_ANSWER} means the model answered. */
public enum StopReason {
    /** The model gave its final answer. */
    FINAL_ANSWER,
    /** The run used {@link AgentLimits#maxIterations()} model turns without an answer. */
    MAX_ITERATIONS,
    /** The run reached {@link AgentLimits#maxWallTime()}. */
    MAX_WALL_TIME,
    /** The model asked for more tool calls than {@link AgentLimits#maxToolCalls()} allows. */
    MAX_TOOL_CALLS,
    /** The model's output could not be parsed {@link AgentLimits#maxParseErrors()} times. */
    MAX_PARSE_ERRORS
}
