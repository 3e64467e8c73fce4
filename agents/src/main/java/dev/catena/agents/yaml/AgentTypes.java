package dev.catena.agents.yaml;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.catena.agents.Agent;
import dev.catena.agents.AgentLimits;
import dev.catena.agents.ApprovalHook;
import dev.catena.agents.plan.PlanAndExecuteAgent;
import dev.catena.agents.react.ReActAgent;
import dev.catena.agents.tool.AgentTool;
import dev.catena.agents.toolcalling.ToolCallingAgent;
import dev.catena.core.component.AbstractComponentType;
import dev.catena.core.component.ComponentContext;
import dev.catena.core.component.Ref;
import dev.catena.core.memory.ConversationMemory;
import dev.langchain4j.model.chat.ChatModel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The agent types YAML files may declare ({@code kind: Agent}), registered through ServiceLoader. */
public final class AgentTypes {

    private AgentTypes() {}

    private abstract static class AgentType<S> extends AbstractComponentType<S, Agent> {
        AgentType(String type, Class<S> spec, String description) {
            super("Agent", type, spec, Agent.class, description);
        }
    }

    /**
     * Spec of {@code type: react} and {@code type: tool-calling}.
     *
     * @param model             the chat model
     * @param tools             tools: {@code {ref: calc}} to a {@code kind: Tool}, or {@code {bean: x}} to a host object with @Tool methods
     * @param instructions      the system prompt (ReAct: with {tools} and {tool_names}); default built in
     * @param memory            conversation memory; the conversation id comes from run metadata conversationId
     * @param approval          a host {@link ApprovalHook} asked before every tool call
     * @param maxIterations     most model turns (default 10)
     * @param maxToolCalls      most tool calls (default 25)
     * @param maxParseErrors    most unparseable replies (default 3)
     * @param maxWallTimeMillis most time for the run (default 120000)
     * @param toolTimeoutMillis most time for one tool call (default 30000)
     * @param requireToolUse    ReAct only: the model must call a tool before it answers (enforced on a model that
     *                          constrains its decoding; default false)
     * @param restateQuestion   ReAct only: a model that constrains its decoding writes the question as its thought
     *                          (default false)
     * @param quoteObservations ReAct only: a model that constrains its decoding quotes a sentence of the tools' results as
     *                          its final answer (default false)
     * @param groundArguments   ReAct only: a model that constrains its decoding calls the calculator and http_get only
     *                          with numbers and URLs the question or the tools' results contain (default false)
     */
    public record LoopSpec(
            @JsonProperty(required = true) @JsonPropertyDescription("The chat model") Ref model,
            @JsonPropertyDescription("Tools: {ref: <Tool component>} or {bean: <host object with @Tool methods>}") List<Ref> tools,
            @JsonPropertyDescription("System prompt; ReAct fills in {tools} and {tool_names}") String instructions,
            @JsonPropertyDescription("Conversation memory") Ref memory,
            @JsonPropertyDescription("Host approval hook asked before every tool call") Ref approval,
            @JsonPropertyDescription("Most model turns (default 10)") Integer maxIterations,
            @JsonPropertyDescription("Most tool calls (default 25)") Integer maxToolCalls,
            @JsonPropertyDescription("Most unparseable model replies (default 3)") Integer maxParseErrors,
            @JsonPropertyDescription("Most time for the whole run, in ms (default 120000)") Integer maxWallTimeMillis,
            @JsonPropertyDescription("Most time for one tool call, in ms (default 30000)") Integer toolTimeoutMillis,
            @JsonPropertyDescription("ReAct only: the model must call a tool before it answers, enforced when it constrains its decoding (default false)")
            Boolean requireToolUse,
            @JsonPropertyDescription("ReAct only: a model that constrains its decoding writes 'The question is: ...' as its thought instead of its own (default false)")
            Boolean restateQuestion,
            @JsonPropertyDescription("ReAct only: a model that constrains its decoding quotes a sentence of the tools' results as its final answer (default false)")
            Boolean quoteObservations,
            @JsonPropertyDescription("ReAct only: a model that constrains its decoding calls the calculator and http_get only with numbers and URLs from the question or the tools' results (default false)")
            Boolean groundArguments) {

        public LoopSpec {
            tools = tools == null ? null : List.copyOf(tools);
            AgentTypes.limits(maxIterations, maxToolCalls, maxParseErrors, maxWallTimeMillis, toolTimeoutMillis);
        }

        AgentLimits limits() {
            return AgentTypes.limits(maxIterations, maxToolCalls, maxParseErrors, maxWallTimeMillis, toolTimeoutMillis);
        }

        List<AgentTool> tools(ComponentContext ctx) {
            List<AgentTool> out = new ArrayList<>();
            if (tools != null) for (Ref ref : tools) out.addAll(ToolBox.toolsOf(ctx.resolve(ref, Object.class)));
            return out;
        }
    }

    static AgentLimits limits(Integer iterations, Integer toolCalls, Integer parseErrors, Integer wallMillis, Integer toolMillis) {
        AgentLimits l = AgentLimits.defaults();
        if (iterations != null) l = l.withMaxIterations(iterations);
        if (toolCalls != null) l = l.withMaxToolCalls(toolCalls);
        if (parseErrors != null) l = l.withMaxParseErrors(parseErrors);
        if (wallMillis != null) l = l.withMaxWallTime(Duration.ofMillis(wallMillis));
        if (toolMillis != null) l = l.withToolTimeout(Duration.ofMillis(toolMillis));
        return l;
    }

    /** A ReAct agent (text protocol, for models without native tool calling). */
    public static final class React extends AgentType<LoopSpec> {
        public React() { super("react", LoopSpec.class, "ReAct agent: Thought / Action / Observation in text"); }
        @Override public Agent create(LoopSpec s, ComponentContext ctx) {
            ReActAgent.Builder b = ReActAgent.builder().model(ctx.resolve(s.model(), ChatModel.class))
                    .tools(s.tools(ctx)).limits(s.limits()).requireToolUse(Boolean.TRUE.equals(s.requireToolUse()))
                    .restateQuestion(Boolean.TRUE.equals(s.restateQuestion()))
                    .quoteObservations(Boolean.TRUE.equals(s.quoteObservations()))
                    .groundArguments(Boolean.TRUE.equals(s.groundArguments()));
            if (!ctx.name().isBlank()) b.name(ctx.name());
            if (s.instructions() != null) b.instructions(s.instructions());
            if (s.memory() != null) b.memory(ctx.resolve(s.memory(), ConversationMemory.class));
            if (s.approval() != null) b.approval(ctx.resolve(s.approval(), ApprovalHook.class));
            return b.build();
        }
    }

    /** An agent using the model's native tool calls. */
    public static final class ToolCalling extends AgentType<LoopSpec> {
        public ToolCalling() { super("tool-calling", LoopSpec.class, "Agent using native tool calls, in parallel"); }
        @Override public Agent create(LoopSpec s, ComponentContext ctx) {
            ToolCallingAgent.Builder b = ToolCallingAgent.builder().model(ctx.resolve(s.model(), ChatModel.class))
                    .tools(s.tools(ctx)).limits(s.limits());
            if (!ctx.name().isBlank()) b.name(ctx.name());
            if (s.instructions() != null) b.instructions(s.instructions());
            if (s.memory() != null) b.memory(ctx.resolve(s.memory(), ConversationMemory.class));
            if (s.approval() != null) b.approval(ctx.resolve(s.approval(), ApprovalHook.class));
            return b.build();
        }
    }

    /** Spec of {@code type: plan-and-execute}. */
    public record PlanSpec(
            @JsonProperty(required = true) @JsonPropertyDescription("The model that writes and revises the plan") Ref planner,
            @JsonProperty(required = true) @JsonPropertyDescription("The agent that carries out each step") Ref executor,
            @JsonPropertyDescription("Most executed steps (default 10)") Integer maxSteps,
            @JsonPropertyDescription("Most time for the whole run, in ms (default 120000)") Integer maxWallTimeMillis) {
        public PlanSpec {
            limits(maxSteps, null, null, maxWallTimeMillis, null);
        }
    }

    /** A planner model plus an executor agent. */
    public static final class PlanAndExecute extends AgentType<PlanSpec> {
        public PlanAndExecute() { super("plan-and-execute", PlanSpec.class, "Planner writes steps, an executor agent runs them, the planner revises"); }
        @Override public Agent create(PlanSpec s, ComponentContext ctx) {
            PlanAndExecuteAgent.Builder b = PlanAndExecuteAgent.builder()
                    .planner(ctx.resolve(s.planner(), ChatModel.class))
                    .executor(ctx.resolve(s.executor(), Agent.class))
                    .limits(limits(s.maxSteps(), null, null, s.maxWallTimeMillis(), null));
            if (!ctx.name().isBlank()) b.name(ctx.name());
            return b.build();
        }
    }
}
