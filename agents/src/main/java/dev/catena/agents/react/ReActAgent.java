package dev.catena.agents.react;

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
import dev.catena.core.model.ConstrainedGeneration;
import dev.catena.core.runnable.RunContext;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A ReAct agent for models without native tool calling: the model writes
 * {@code Thought / Action / Action Input} in plain text, the agent runs the tool and answers with
 * {@code Observation: <tool_output>...</tool_output>}, until the model writes {@code Final Answer}.
 *
 * <p>Requests carry the stop sequence {@code "\nObservation:"} so the model does not invent
 * observations (and the parser drops any it writes anyway). The scratchpad is the conversation of
 * the model's turns and the observations. Output that cannot be parsed goes back to the model as an
 * error observation, up to {@link AgentLimits#maxParseErrors()} times. A model that can constrain its
 * decoding ({@link ConstrainedGeneration}) is held to the protocol by {@link ReActGrammar}, so its turns
 * always parse and name a real tool with valid arguments.
 */
public final class ReActAgent implements Agent {

    /** The stop sequences sent with every request. */
    public static final List<String> STOP_SEQUENCES = List.of("\nObservation:");

    /** The default instructions; {@code {tools}} and {@code {tool_names}} are filled in. */
    public static final String DEFAULT_INSTRUCTIONS = """
            Answer the question as well as you can. You have access to these tools:

            {tools}

            Use this format:

            Question: the question you must answer
            Thought: think about what to do next
            Action: the tool to use, one of [{tool_names}]
            Action Input: the tool's arguments as a JSON object
            Observation: the tool's result (it is given to you; never write it yourself)
            ... (Thought, Action, Action Input and Observation may repeat)
            Thought: I now know the final answer
            Final Answer: the answer to the question

            """ + DataFence.INSTRUCTION;

    private final ChatModel model;
    private final ToolRunner tools;
    private final AgentLimits limits;
    private final String instructions;
    private final ConversationMemory memory;
    private final String name;
    private final ReActParser parser = new ReActParser();
    private volatile ChatModel stepModel; // the model, held to the protocol when it can be

    private ReActAgent(Builder b) {
        this.model = Objects.requireNonNull(b.model, "ReActAgent needs a model");
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
        messages.add(SystemMessage.from(systemPrompt()));
        messages.addAll(history);
        messages.add(UserMessage.from("Question: " + question));
        return run.guard(() -> loop(run, messages));
    }

    private AgentResult loop(AgentRun run, List<ChatMessage> messages) {
        int callNumber = 0;
        while (true) {
            StopReason bound = run.nextIteration();
            if (bound != null) return run.stop(bound);
            ChatRequest request = ChatRequest.builder().messages(messages).stopSequences(STOP_SEQUENCES).build();
            AiMessage reply = run.callModel(stepModel(), request);
            String text = reply.text() == null ? "" : reply.text();
            ReActOutput out = parser.parse(text);
            if (!out.thought().isEmpty()) run.record(new AgentStep.Thought(out.thought()));
            messages.add(AiMessage.from(scratchpadTurn(text)));
            switch (out) {
                case ReActOutput.Finish f -> {
                    return run.answer(f.answer());
                }
                case ReActOutput.Invalid invalid -> {
                    AgentStep.Observation error = new AgentStep.Observation(null, null, "Error: " + invalid.error(), true);
                    run.record(error);
                    if (run.parseErrorLimitReached()) return run.stop(StopReason.MAX_PARSE_ERRORS);
                    messages.add(UserMessage.from("Observation: " + error.text()));
                }
                case ReActOutput.Act act -> {
                    AgentStep.Action action = new AgentStep.Action("react_" + (++callNumber), act.tool(), act.input());
                    run.record(action);
                    if (!run.reserveToolCalls(1)) return run.stop(StopReason.MAX_TOOL_CALLS);
                    AgentStep.Observation observation = tools.run(action, run.toolTimeout(), run.context());
                    run.record(observation);
                    messages.add(UserMessage.from("Observation: " + (observation.error()
                            ? observation.text() : DataFence.fence(observation.tool(), observation.text()))));
                }
            }
        }
    }

    private ChatModel stepModel() {
        ChatModel m = stepModel;
        if (m == null) {
            m = model instanceof ConstrainedGeneration c ? c.constrainedTo(ReActGrammar.of(tools.tools())) : model;
            stepModel = m;
        }
        return m;
    }

    /** The model's turn as it goes into the scratchpad: without any observation it invented. */
    private static String scratchpadTurn(String text) {
        int i = text.indexOf("\nObservation:");
        String turn = (i >= 0 ? text.substring(0, i) : text).strip();
        return turn.isEmpty() ? "(empty reply)" : turn;
    }

    String systemPrompt() {
        return instructions.replace("{tools}", ToolDescriptions.describe(tools.tools()))
                .replace("{tool_names}", tools.names());
    }

    /** Builder of a {@link ReActAgent}. */
    public static final class Builder {
        private ChatModel model;
        private final List<AgentTool> tools = new ArrayList<>();
        private AgentLimits limits = AgentLimits.defaults();
        private ApprovalHook approval = ApprovalHook.APPROVE_ALL;
        private String instructions = DEFAULT_INSTRUCTIONS;
        private ConversationMemory memory;
        private String name = "ReActAgent";

        public Builder model(ChatModel model) { this.model = model; return this; }
        public Builder tools(List<? extends AgentTool> tools) { this.tools.addAll(tools); return this; }
        public Builder tool(AgentTool tool) { this.tools.add(Objects.requireNonNull(tool, "tool")); return this; }
        public Builder limits(AgentLimits limits) { this.limits = Objects.requireNonNull(limits, "limits"); return this; }
        /** Asked before every tool call; a denial goes to the model as an observation. */
        public Builder approval(ApprovalHook approval) { this.approval = Objects.requireNonNull(approval, "approval"); return this; }
        /** The system prompt; {@code {tools}} and {@code {tool_names}} are replaced by the tool list. */
        public Builder instructions(String instructions) { this.instructions = Objects.requireNonNull(instructions, "instructions"); return this; }
        /** Conversation memory; the conversation id comes from run metadata {@code conversationId}. */
        public Builder memory(ConversationMemory memory) { this.memory = memory; return this; }
        public Builder name(String name) { this.name = Objects.requireNonNull(name, "name"); return this; }
        public ReActAgent build() { return new ReActAgent(this); }
    }
}
