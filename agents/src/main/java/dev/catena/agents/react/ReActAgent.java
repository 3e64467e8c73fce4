package dev.catena.agents.react;

import dev.catena.agents.AgentResult;
import dev.catena.agents.AgentRun;
import dev.catena.agents.AgentStep;
import dev.catena.agents.DataFence;
import dev.catena.agents.StopReason;
import dev.catena.agents.ToolAgent;
import dev.catena.agents.tool.AgentTool;
import dev.catena.agents.tool.GroundedTool;
import dev.catena.core.model.ConstrainedGeneration;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

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
 * always parse and name a real tool with valid arguments; on its last turn, with no tool call left, or after it
 * repeats a call, it can only write the final answer; with {@link Builder#requireToolUse} its first turn can only
 * call a tool, with {@link Builder#quoteObservations} its final answer quotes a tool's result, and with
 * {@link Builder#groundArguments} a {@link GroundedTool}'s arguments come from what the run has seen. Each observation
 * restates the question, which small models otherwise lose sight of.
 */
public final class ReActAgent extends ToolAgent {

    /** The thought of a constrained model's turns with {@link Builder#restateQuestion}, before the question. */
    public static final String QUESTION_THOUGHT = "The question is: ";

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
    private volatile ChatModel protocolModel; // the model, held to the protocol when it can be
    private volatile ChatModel answerModel; // the model, held to a final answer when it can be
    private volatile ChatModel actionModel; // the model, held to an action when it can be

    private final boolean requireToolUse;
    private final boolean restateQuestion;
    private final boolean quoteObservations;
    private final boolean groundArguments;

    private ReActAgent(Builder b) {
        super(b);
        this.requireToolUse = b.requireToolUse;
        this.restateQuestion = b.restateQuestion;
        this.quoteObservations = b.quoteObservations;
        this.groundArguments = b.groundArguments;
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

    /**
     * The turns of one run. After each observation the question is restated, so a small model keeps it in view. The
     * model must answer (a constrained model can write nothing else) on its last turn, once no tool call is left, and
     * after it repeats a call it already made with the same input: a loop that only the answer ends.
     */
    @Override
    protected AgentResult loop(AgentRun run, List<ChatMessage> messages, String question) {
        int callNumber = 0;
        Set<String> calls = new HashSet<>();
        List<String> results = new ArrayList<>(); // the tools' results that were not errors
        boolean repeated = false;
        while (true) {
            StopReason bound = run.nextIteration();
            if (bound != null) return run.stop(bound);
            boolean mustAnswer = repeated || run.iterations() == limits.maxIterations() || run.toolCalls() >= limits.maxToolCalls();
            boolean mustAct = !mustAnswer && requireToolUse && run.toolCalls() == 0 && !tools.tools().isEmpty();
            ChatRequest request = ChatRequest.builder().messages(messages).stopSequences(STOP_SEQUENCES).build();
            AiMessage reply = run.callModel(stepModel(mustAnswer, mustAct, question, results), request);
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
                    repeated = !calls.add(act.tool().strip() + "\u0000" + act.input().replaceAll("\\s+", ""));
                    AgentStep.Observation observation = tools.run(action, run.toolTimeout(), run.context());
                    run.record(observation);
                    if (!observation.error()) results.add(observation.text());
                    messages.add(UserMessage.from(observationMessage(observation, question, repeated)));
                }
            }
        }
    }

    /**
     * The observation as the model reads it: the fenced result, then the question again and what to do next (an
     * error says that itself). After a repeated call the result comes last, where a small model copies from.
     */
    static String observationMessage(AgentStep.Observation observation, String question, boolean repeated) {
        if (observation.error()) return "Observation: " + observation.text();
        String result = DataFence.fence(observation.tool(), observation.text());
        if (repeated) {
            return "Observation: you already made this call with the same input. Write the Final Answer to the question \""
                    + question + "\" from its result:\n" + result;
        }
        return "Observation: " + result + "\nIf this answers the question \"" + question + "\", write the Final Answer; otherwise use a tool.";
    }

    /**
     * The model for the next turn: held to the whole protocol, to an action or to a final answer, when it can be. With
     * {@link Builder#quoteObservations} a final answer quotes one of the {@code results}' sentences; with
     * {@link Builder#restateQuestion}, once a tool has answered, the turn is the final answer or another action; with
     * {@link Builder#groundArguments} the tools' arguments are held to the question and the {@code results}.
     */
    private ChatModel stepModel(boolean mustAnswer, boolean mustAct, String question, List<String> results) {
        if (!(model instanceof ConstrainedGeneration c)) return model;
        List<String> quotes = quoteObservations ? ObservationQuotes.of(results, ReActGrammar.MAX_ANSWER) : List.of();
        if (mustAnswer) {
            if (!quotes.isEmpty()) return c.constrainedTo(ReActGrammar.finalAnswer(quotes));
            ChatModel m = answerModel;
            if (m == null) answerModel = m = c.constrainedTo(ReActGrammar.finalAnswer(List.of()));
            return m;
        }
        List<ToolSpecification> specs = specifications(question, results);
        if (restateQuestion) {
            if (!mustAct && !results.isEmpty()) return c.constrainedTo(ReActGrammar.answerOrAct(specs, question, quotes));
            String thought = QUESTION_THOUGHT + ReActGrammar.oneLine(question);
            return c.constrainedTo(ReActGrammar.of(specs, !mustAct, thought, quotes));
        }
        if (!quotes.isEmpty() || groundArguments) return c.constrainedTo(ReActGrammar.of(specs, !mustAct, null, quotes));
        if (mustAct) {
            ChatModel m = actionModel;
            if (m == null) actionModel = m = c.constrainedTo(ReActGrammar.of(specs, false));
            return m;
        }
        ChatModel m = protocolModel;
        if (m == null) protocolModel = m = c.constrainedTo(ReActGrammar.of(specs, true));
        return m;
    }

    /**
     * The tools' specifications for the next turn: with {@link Builder#groundArguments} a {@link GroundedTool}'s is
     * narrowed to the question and the {@code results}, and a tool that nothing seen could be called with is left out.
     */
    private List<ToolSpecification> specifications(String question, List<String> results) {
        String seen = groundArguments ? question + "\n" + String.join("\n", results) : "";
        List<ToolSpecification> specs = new ArrayList<>();
        for (AgentTool tool : tools.tools()) {
            if (groundArguments && tool instanceof GroundedTool grounded) grounded.groundedIn(seen).ifPresent(specs::add);
            else specs.add(tool.specification());
        }
        return specs;
    }

    /** The model's turn as it goes into the scratchpad: without any observation it invented. */
    private static String scratchpadTurn(String text) {
        int i = text.indexOf("\nObservation:");
        String turn = (i >= 0 ? text.substring(0, i) : text).strip();
        return turn.isEmpty() ? "(empty reply)" : turn;
    }

    /** Builder of a {@link ReActAgent}; {@code instructions} may use {@code {tools}} and {@code {tool_names}}. */
    public static final class Builder extends ToolAgent.Builder<Builder, ReActAgent> {
        private boolean requireToolUse;
        private boolean restateQuestion;
        private boolean quoteObservations;
        private boolean groundArguments;

        private Builder() {
            super("ReActAgent", DEFAULT_INSTRUCTIONS, ReActAgent::new);
        }

        /**
         * Whether the model must call a tool before it may answer (default false), for agents whose answers should
         * come from their tools. A model that constrains its decoding cannot write a final answer before its first
         * tool call; other models are only as bound as the instructions say.
         */
        public Builder requireToolUse(boolean require) {
            this.requireToolUse = require;
            return this;
        }

        /**
         * Whether a model that constrains its decoding writes the question as its thought instead of thoughts of its own
         * (default false): {@code Thought: The question is: ...}, then its action or answer. Very small models talk
         * themselves into wrong answers in their own thoughts and then copy those; the restated question keeps the next
         * line on the question. Once a tool has answered, the model's next thought is either {@code I now know the final
         * answer.} (and the answer follows) or {@code I need another step for the question: ...} (and an action
         * follows). Other models keep their own thoughts.
         */
        public Builder restateQuestion(boolean restate) {
            this.restateQuestion = restate;
            return this;
        }

        /**
         * Whether a model that constrains its decoding answers by quoting a sentence of the tools' results (default
         * false), once a tool has returned one: for agents whose answers are in what their tools return (a search, a
         * calculation). Very small models that see the right result still write an answer of their own; holding the
         * final answer to the results' sentences leaves them only the choice of which sentence answers. Before any
         * result, and for other models, the final answer is free.
         */
        public Builder quoteObservations(boolean quote) {
            this.quoteObservations = quote;
            return this;
        }

        /**
         * Whether a model that constrains its decoding calls a {@link GroundedTool} only with values it has read
         * (default false): the calculator with the numbers of the question and the results, {@code http_get} with a URL
         * written there. A tool that nothing read so far could be called with is not offered on that turn (with no tool
         * left to offer, the turn can only answer, even under {@link #requireToolUse}). Very small
         * models otherwise call a calculator with numbers they make up, for questions that have none. Other tools, and
         * other models, are not affected.
         */
        public Builder groundArguments(boolean ground) {
            this.groundArguments = ground;
            return this;
        }
    }
}
