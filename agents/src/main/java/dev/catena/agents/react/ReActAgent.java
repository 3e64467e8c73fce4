package dev.catena.agents.react;

import dev.catena.agents.AgentResult;
import dev.catena.agents.AgentRun;
import dev.catena.agents.AgentStep;
import dev.catena.agents.DataFence;
import dev.catena.agents.StopReason;
import dev.catena.agents.ToolAgent;
import dev.catena.core.model.ConstrainedGeneration;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;

import java.util.List;

/**
 * A ReAct agent for models without native tool calling: the model writes
 * {@code Thought / Action / Action Input} in plain text, the agent runs the tool and answers with
 * {@code Observation: <tool_output>...</tool_output>}, until the model writes {@code Final Answer}.
 *
 * <p>Requests carry the stop sequence {@code "\nObservation:"} so the model does not invent
 * observations (and the parser drops any it writes anyway). The scratchpad is the conversation of
 * the model's turns and the observations. Output that cannot be parsed goes back to the model as an
 * error observation, up to {@link dev.catena.agents.AgentLimits#maxParseErrors()} times. A model that can constrain its
 * decoding ({@link ConstrainedGeneration}) is held to the protocol by {@link ReActGrammar}, so its turns
 * always parse and name a real tool with valid arguments.
 */
public final class ReActAgent extends ToolAgent {

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

    private final ReActParser parser = new ReActParser();
    private volatile ChatModel stepModel; // the model, held to the protocol when it can be

    private ReActAgent(Builder b) {
        super(b);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    protected String systemPrompt() {
        return instructions.replace("{tools}", ToolDescriptions.describe(tools.tools()))
                .replace("{tool_names}", tools.names());
    }

    @Override
    protected String userTurn(String question) {
        return "Question: " + question;
    }

    @Override
    protected AgentResult loop(AgentRun run, List<ChatMessage> messages) {
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

    /** Builder of a {@link ReActAgent}; {@code instructions} may use {@code {tools}} and {@code {tool_names}}. */
    public static final class Builder extends ToolAgent.Builder<Builder, ReActAgent> {
        private Builder() {
            super("ReActAgent", DEFAULT_INSTRUCTIONS, ReActAgent::new);
        }
    }
}
