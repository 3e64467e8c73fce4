package dev.catena.agents.toolcalling;

import dev.catena.agents.AgentResult;
import dev.catena.agents.AgentRun;
import dev.catena.agents.AgentStep;
import dev.catena.agents.DataFence;
import dev.catena.agents.StopReason;
import dev.catena.agents.ToolAgent;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.model.chat.request.ChatRequest;

import java.util.ArrayList;
import java.util.List;

/**
 * An agent for models with native tool calling: tools go to the model as LangChain4j
 * {@link dev.langchain4j.agent.tool.ToolSpecification}s, the model answers with
 * {@link ToolExecutionRequest}s, and all the calls of one turn run in parallel. Each result goes back
 * as a {@link ToolExecutionResultMessage} (fenced as data); the loop ends when the model answers in text.
 */
public final class ToolCallingAgent extends ToolAgent {

    /** The default system prompt. */
    public static final String DEFAULT_INSTRUCTIONS = "You are a helpful assistant. Use the tools when they help "
            + "you answer, then answer the user's question.\n" + DataFence.INSTRUCTION;

    private ToolCallingAgent(Builder b) {
        super(b);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    protected AgentResult loop(AgentRun run, List<ChatMessage> messages, String question) {
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

    /** Builder of a {@link ToolCallingAgent}; blank {@code instructions} send no system prompt. */
    public static final class Builder extends ToolAgent.Builder<Builder, ToolCallingAgent> {
        private Builder() {
            super("ToolCallingAgent", DEFAULT_INSTRUCTIONS, ToolCallingAgent::new);
        }
    }
}
