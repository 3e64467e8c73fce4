package dev.catena.agents;

import dev.catena.agents.tool.AgentTool;
import dev.catena.core.memory.ConversationMemory;
import dev.catena.core.runnable.RunContext;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * What the agents that call tools with one model share (ReAct and tool-calling): the model, tools
 * behind an approval hook, limits, instructions, name, and conversation memory. With memory, a run
 * sees the conversation's earlier turns and an answered question is added to it. A run starts from the
 * system prompt, that history and the question; subclasses say how they are worded and run the {@link #loop}.
 */
public abstract class ToolAgent implements Agent {

    protected final ChatModel model;
    protected final ToolRunner tools;
    protected final AgentLimits limits;
    protected final String instructions;
    private final ConversationMemory memory;
    private final String name;

    protected ToolAgent(Builder<?, ?> b) {
        this.model = Objects.requireNonNull(b.model, getClass().getSimpleName() + " needs a model");
        this.tools = new ToolRunner(b.tools, b.approval);
        this.limits = b.limits();
        this.instructions = b.instructions;
        this.memory = b.memory;
        this.name = b.name();
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

    /** Answers {@code question} after the conversation's earlier {@code history} (empty without memory). */
    private AgentResult solve(String question, List<ChatMessage> history, RunContext context) {
        AgentRun run = AgentRun.start(context, limits);
        List<ChatMessage> messages = new ArrayList<>();
        String system = systemPrompt();
        if (!system.isBlank()) messages.add(SystemMessage.from(system));
        messages.addAll(history);
        messages.add(UserMessage.from(userTurn(question)));
        return run.guard(() -> loop(run, messages, question));
    }

    /** The system prompt of every run; none is sent when it is blank. By default the instructions as given. */
    protected String systemPrompt() {
        return instructions;
    }

    /** The question as the model is asked it; by default as given. */
    protected String userTurn(String question) {
        return question;
    }

    /**
     * Calls the model and the tools until an answer or a bound, adding each turn to {@code messages}; {@code question}
     * is the question as given, for agents that restate it.
     */
    protected abstract AgentResult loop(AgentRun run, List<ChatMessage> messages, String question);

    /**
     * The options of a tool-calling agent.
     *
     * @param <B> the concrete builder, returned by each option
     * @param <A> the agent it builds
     */
    public abstract static class Builder<B extends Builder<B, A>, A extends ToolAgent> extends AgentBuilder<B> {
        private final Function<B, A> factory;
        private ChatModel model;
        private final List<AgentTool> tools = new ArrayList<>();
        private ApprovalHook approval = ApprovalHook.APPROVE_ALL;
        private String instructions;
        private ConversationMemory memory;

        protected Builder(String defaultName, String defaultInstructions, Function<B, A> factory) {
            super(defaultName);
            this.instructions = defaultInstructions;
            this.factory = factory;
        }

        @Override
        public A build() {
            return factory.apply(self());
        }

        /** The model; required. */
        public B model(ChatModel model) {
            this.model = model;
            return self();
        }

        public B tools(List<? extends AgentTool> tools) {
            this.tools.addAll(tools);
            return self();
        }

        public B tool(AgentTool tool) {
            this.tools.add(Objects.requireNonNull(tool, "tool"));
            return self();
        }

        /** Asked before every tool call; a denial goes back to the model as the call's result. */
        public B approval(ApprovalHook approval) {
            this.approval = Objects.requireNonNull(approval, "approval");
            return self();
        }

        /** The system prompt (the agent's {@code DEFAULT_INSTRUCTIONS} say what it may contain). */
        public B instructions(String instructions) {
            this.instructions = Objects.requireNonNull(instructions, "instructions");
            return self();
        }

        /** Conversation memory; the conversation id comes from run metadata {@code conversationId}. */
        public B memory(ConversationMemory memory) {
            this.memory = memory;
            return self();
        }

        @SuppressWarnings("unchecked")
        private B self() {
            return (B) this;
        }
    }
}
