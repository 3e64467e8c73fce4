package dev.catena.samples.openai;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.catena.llm.chat.LocalChatModel;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ToolChoice;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code POST /v1/chat/completions}: answers as one JSON body, or with {@code "stream": true} as
 * server-sent events ({@code data: {chunk}} … {@code data: [DONE]}) while the model generates. {@code n} choices
 * are generated side by side. Bad requests and prompts over the context are refused (400) before a place is taken
 * ({@link Admission}); a client that disconnects cancels the generation.
 */
@ApplicationScoped
public class ChatCompletionsRoute {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    Admission admission;

    /** Answers a checked request ({@link ModelRoutes} mounts it) with the served model {@code model}, called {@code name}. */
    void handle(RoutingContext rc, ChatCompletionRequest request, String name, Object model) {
        ChatRequest chatRequest = toChatRequest(request);
        checkContext(model, chatRequest);
        String id = "chatcmpl-" + UUID.randomUUID();
        long created = System.currentTimeMillis() / 1000;
        try (Admission.Permit ignored = admission.enter()) {
            if (Boolean.TRUE.equals(request.stream())) {
                stream(new SseStream(rc.response()), streamingModel(model, name), chatRequest, request, id, created, name);
            } else {
                rc.response().putHeader("Content-Type", "application/json")
                        .end(complete(chatModel(model, name), chatRequest, request.choices(), id, created, name).toString());
            }
        }
    }

    private static ObjectNode complete(ChatModel model, ChatRequest request, int n, String id, long created, String name) {
        List<CompletableFuture<ChatResponse>> runs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            runs.add(CompletableFuture.supplyAsync(() -> model.chat(request), Thread::startVirtualThread));
        }
        ObjectNode out = JSON.createObjectNode().put("id", id).put("object", "chat.completion").put("created", created).put("model", name);
        ArrayNode choices = out.putArray("choices");
        List<ChatResponse> responses = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ChatResponse response = ModelRoutes.join(runs.get(i));
            responses.add(response);
            AiMessage answer = response.aiMessage();
            ObjectNode choice = choices.addObject().put("index", i);
            ObjectNode message = choice.putObject("message").put("role", "assistant").put("content", answer.text());
            if (answer.hasToolExecutionRequests()) message.set("tool_calls", ToolCalls.json(answer.toolExecutionRequests(), false));
            choice.putNull("logprobs");
            choice.put("finish_reason", finishReason(response));
        }
        out.set("usage", usage(responses));
        return out;
    }

    private void stream(SseStream sse, StreamingChatModel model, ChatRequest request, ChatCompletionRequest body,
                               String id, long created, String name) {
        boolean withUsage = body.includeUsage();
        List<CompletableFuture<ChatResponse>> runs = new ArrayList<>();
        for (int i = 0; i < body.choices(); i++) {
            int index = i;
            CompletableFuture<ChatResponse> done = new CompletableFuture<>();
            runs.add(done);
            AtomicBoolean roleSent = new AtomicBoolean();
            Runnable role = () -> {
                if (!roleSent.getAndSet(true)) {
                    sse.send(chunk(id, created, name, index, JSON.createObjectNode().put("role", "assistant").put("content", ""), null, withUsage));
                }
            };
            model.chat(request, new StreamingChatResponseHandler() {
                @Override
                public void onPartialResponse(String partial) {
                    if (sse.closed()) throw new IllegalStateException("client disconnected");
                    role.run();
                    sse.send(chunk(id, created, name, index, JSON.createObjectNode().put("content", partial), null, withUsage));
                }

                @Override
                public void onCompleteResponse(ChatResponse response) {
                    role.run();
                    AiMessage answer = response.aiMessage();
                    if (answer != null && answer.hasToolExecutionRequests()) {
                        ObjectNode delta = JSON.createObjectNode();
                        delta.set("tool_calls", ToolCalls.json(answer.toolExecutionRequests(), true));
                        sse.send(chunk(id, created, name, index, delta, null, withUsage));
                    }
                    sse.send(chunk(id, created, name, index, JSON.createObjectNode(), finishReason(response), withUsage));
                    done.complete(response);
                }

                @Override
                public void onError(Throwable error) {
                    done.completeExceptionally(error);
                }
            });
        }
        List<ChatResponse> responses = new ArrayList<>();
        try {
            for (CompletableFuture<ChatResponse> run : runs) responses.add(ModelRoutes.join(run));
        } catch (RuntimeException e) {
            if (!sse.started()) throw e; // answered with the error's own status
            sse.fail(Failures.toApiError(e, admission));
            return;
        }
        if (withUsage) {
            ObjectNode last = JSON.createObjectNode().put("id", id).put("object", "chat.completion.chunk").put("created", created).put("model", name);
            last.putArray("choices");
            last.set("usage", usage(responses));
            sse.send(last.toString());
        }
        sse.done();
    }

    private static String chunk(String id, long created, String model, int index, ObjectNode delta, String finishReason, boolean withUsage) {
        ObjectNode out = JSON.createObjectNode().put("id", id).put("object", "chat.completion.chunk").put("created", created).put("model", model);
        ObjectNode choice = out.putArray("choices").addObject().put("index", index);
        choice.set("delta", delta);
        choice.putNull("logprobs");
        if (finishReason == null) choice.putNull("finish_reason"); else choice.put("finish_reason", finishReason);
        if (withUsage) out.putNull("usage");
        return out.toString();
    }

    static String finishReason(ChatResponse response) {
        if (response.aiMessage() != null && response.aiMessage().hasToolExecutionRequests()) return "tool_calls";
        return response.finishReason() == FinishReason.LENGTH ? "length" : "stop";
    }

    /** The prompt counted once, the completions of all choices summed (as OpenAI counts {@code n > 1}). */
    static ObjectNode usage(List<ChatResponse> responses) {
        int in = 0;
        int gen = 0;
        for (ChatResponse r : responses) {
            TokenUsage u = r.tokenUsage();
            if (u == null) continue;
            in = u.inputTokenCount() == null ? in : u.inputTokenCount();
            gen += u.outputTokenCount() == null ? 0 : u.outputTokenCount();
        }
        return JSON.createObjectNode().put("prompt_tokens", in).put("completion_tokens", gen).put("total_tokens", in + gen);
    }

    /** A local model's prompt must leave room for the tokens asked for: 400 {@code context_length_exceeded} otherwise. */
    private static void checkContext(Object model, ChatRequest request) {
        if (!(model instanceof LocalChatModel local)) return;
        int prompt = local.estimateTokenCountInMessages(request.messages());
        int wanted = prompt + (request.maxOutputTokens() == null ? 1 : request.maxOutputTokens());
        if (wanted > local.contextLength()) throw OpenAiErrors.contextLengthExceeded(wanted, local.contextLength());
    }

    private static ChatRequest toChatRequest(ChatCompletionRequest request) {
        List<ChatMessage> messages = new ArrayList<>();
        for (int i = 0; i < request.messages().size(); i++) {
            ChatCompletionRequest.Message m = request.messages().get(i);
            String role = m.role() == null ? "" : m.role();
            messages.add(switch (role) {
                case "system", "developer" -> SystemMessage.from(m.text());
                case "user" -> UserMessage.from(m.text());
                case "assistant" -> ToolCalls.requests(m.toolCalls()).isEmpty() ? AiMessage.from(m.text())
                        : AiMessage.builder().text(m.text().isEmpty() ? null : m.text()).toolExecutionRequests(ToolCalls.requests(m.toolCalls())).build();
                case "tool" -> ToolExecutionResultMessage.from(m.toolCallId(), m.name() == null ? "" : m.name(), m.text());
                default -> throw OpenAiErrors.invalid("messages[" + i + "].role", "unsupported message role '" + role
                        + "' (supported: system, developer, user, assistant, tool)", "invalid_value");
            });
        }
        ChatRequest.Builder b = ChatRequest.builder().messages(messages);
        ToolChoice choice = toolChoice(request);
        List<ToolSpecification> tools = choice == ToolChoice.NONE ? List.of() : ToolCalls.specifications(request.tools());
        if (!tools.isEmpty()) b.toolSpecifications(tools);
        if (choice == ToolChoice.REQUIRED && !tools.isEmpty()) b.toolChoice(choice);
        if (request.temperature() != null) b.temperature(request.temperature());
        if (request.topP() != null) b.topP(request.topP());
        if (request.presencePenalty() != null) b.presencePenalty(request.presencePenalty());
        if (request.frequencyPenalty() != null) b.frequencyPenalty(request.frequencyPenalty());
        if (request.tokenLimit() != null) b.maxOutputTokens(request.tokenLimit());
        if (!request.stopStrings().isEmpty()) b.stopSequences(request.stopStrings());
        b.responseFormat(ResponseFormats.from(request.responseFormat()));
        return b.build();
    }

    private static ToolChoice toolChoice(ChatCompletionRequest request) {
        if (request.toolChoice() == null || request.toolChoice().isNull()) return null;
        return switch (request.toolChoice().asText("")) {
            case "auto" -> ToolChoice.AUTO;
            case "required" -> ToolChoice.REQUIRED;
            case "none" -> ToolChoice.NONE;
            default -> throw OpenAiErrors.invalid("tool_choice", "'tool_choice' must be auto, none or required", "invalid_value");
        };
    }

    private static ChatModel chatModel(Object model, String name) {
        if (model instanceof ChatModel c) return c;
        throw OpenAiErrors.invalid("model", "model '" + name + "' cannot answer blocking requests", "invalid_value");
    }

    private static StreamingChatModel streamingModel(Object model, String name) {
        if (model instanceof StreamingChatModel s) return s;
        throw OpenAiErrors.invalid("model", "model '" + name + "' cannot stream", "invalid_value");
    }
}
