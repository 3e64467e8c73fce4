package dev.catena.agents.toolcalling;

import dev.catena.agents.Agent;
import dev.catena.agents.AgentLimits;
import dev.catena.agents.AgentMemory;
import dev.catena.agents.AgentResult;
import dev.catena.agents.AgentRun;
import dev.catena.agents.AgentStep;
import dev.catena.agents.ApprovalHook;
import dev.catena.agents.DataFence;
import dev.catena.agents.StopReason;
import dev.catena.agents.ToolRunner;
import dev.catena.agents.tool.AgentTool;
import dev.catena.core.memory.ConversationMemory;
import dev.catena.core.runnable.RunContext;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An agent for models with native tool calling: tools go to the model as LangChain4j
 * {@link dev.langchain4j.agent.tool.ToolSpecification}s, the model answers with
 * {@link ToolExecutionRequest}s, and all the calls of one turn run in parallel. Each result goes back
 * as a {@link ToolExecutionResultMessage} (fenced as data); the loop ends when the model answers in text.
 */
public final class ToolCallingAgent implements Agent {

    /** The default system prompt. */
    public static final String DEFAULT_INSTRUCTIONS = "You are a helpful assistant. Use the tools when they help "
            + "you answer, then answer the user's question.\n" + DataFence.INSTRUCTION;

    private final ChatModel model;
    private final ToolRunner tools;
    private final AgentLimits limits;
    private final String instructions;
    private final ConversationMemory memory;
    private final String name;

    private ToolCallingAgent(Builder b) {
        this.model = Objects.requireNonNull(b.model, "ToolCallingAgent needs a model");
        this.tools = new ToolRunner(b.tools, b.approval);
        this.limits = b.limits;
        this.instructions = b.instructions;
        this.memory = b.memory;
        this.name = b.name;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public AgentResult doInvoke(String question, RunContext run) {
        Objects.requireNonNull(question, "question");
        if (memory == null) return solve(question, List.of(), run);
        String conversation = AgentMemory.conversationId(run);
        return memory.inConversation(conversation, () -> {
            AgentResult result = solve(question, memory.messages(conversation), run);
            if (result.answered()) memory.add(conversation, List.of(UserMessage.from(question), AiMessage.from(result.output())));
            return result;
        });
    }

    private AgentResult solve(String question, List<ChatMessage> history, RunContext context) {
        AgentRun run = AgentRun.start(context, limits);
        List<ChatMessage> messages = new ArrayList<>();
        if (!instructions.isBlank()) messages.add(SystemMessage.from(instructions));
        messages.addAll(history);
        messages.add(UserMessage.from(question));
        return run.guard(() -> loop(run, messages));
    }

    private AgentResult loop(AgentRun run, List<ChatMessage> messages) {
        while (true) {
            StopReason bound = run.nextIteration();
            if (bound != null) return run.stop(bound);
            ChatRequest.Builder request = ChatRequest.builder().messages(messages);
            if (!tools.tools().isEmpty()) request.toolSpecifications(tools.specifications());
            AiMessage reply = run.callModel(model, request.build());
            if (!reply.hasToolExecutionRequests()) return run.answer(reply.text());

            if (reply.text() != null && !reply.text().isBlank()) run.record(new AgentStep.Thought(reply.text().strip()));
            List<ToolExecutionRequest> calls = reply.toolExecutionRequests();
            List<AgentStep.Action> actions = new ArrayList<>();
            for (int i = 0; i < calls.size(); i++) {
                ToolExecutionRequest call = calls.get(i);
                String id = call.id() != null ? call.id() : "call_" + run.iterations() + "_" + (i + 1);
                AgentStep.Action action = new AgentStep.Action(id, call.name(), call.arguments());
                actions.add(action);
                run.record(action);
            }
            if (!run.reserveToolCalls(actions.size())) return run.stop(StopReason.MAX_TOOL_CALLS);
            messages.add(reply);
            List<AgentStep.Observation> observations = tools.runAll(actions, run.toolTimeout(), run.context());
            for (int i = 0; i < observations.size(); i++) {
                AgentStep.Observation o = observations.get(i);
                run.record(o);
                ToolExecutionRequest call = calls.get(i);
                String text = o.error() ? o.text() : DataFence.fence(o.tool(), o.text());
                messages.add(ToolExecutionResultMessage.from(actions.get(i).callId(), call.name(), text));
            }
        }
    }

    /** Builder of a {@link ToolCallingAgent}. */
    public static final class Builder {
        private ChatModel model;
        private final List<AgentTool> tools = new ArrayList<>();
        private AgentLimits limits = AgentLimits.defaults();
        private ApprovalHook approval = ApprovalHook.APPROVE_ALL;
        private String instructions = DEFAULT_INSTRUCTIONS;
        private ConversationMemory memory;
        private String name = "ToolCallingAgent";

        public Builder model(ChatModel model) { this.model = model; return this; }
        public Builder tools(List<? extends AgentTool> tools) { this.tools.addAll(tools); return this; }
        public Builder tool(AgentTool tool) { this.tools.add(Objects.requireNonNull(tool, "tool")); return this; }
        public Builder limits(AgentLimits limits) { this.limits = Objects.requireNonNull(limits, "limits"); return this; }
        /** Asked before every tool call; a denial goes to the model as the call's result. */
        public Builder approval(ApprovalHook approval) { this.approval = Objects.requireNonNull(approval, "approval"); return this; }
        /** The system prompt; blank for none. */
        public Builder instructions(String instructions) { this.instructions = Objects.requireNonNull(instructions, "instructions"); return this; }
        /** Conversation memory; the conversation id comes from run metadata {@code conversationId}. */
        public Builder memory(ConversationMemory memory) { this.memory = memory; return this; }
        public Builder name(String name) { this.name = Objects.requireNonNull(name, "name"); return this; }
        public ToolCallingAgent build() { return new ToolCallingAgent(this); }
    }
}
