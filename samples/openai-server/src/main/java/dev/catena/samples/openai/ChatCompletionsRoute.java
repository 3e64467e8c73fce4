package dev.catena.samples.openai;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.catena.quarkus.runtime.CatenaRuntime;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.output.TokenUsage;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code POST /v1/chat/completions}: answers as one JSON body, or with {@code "stream": true} as
 * server-sent events ({@code data: {chunk}} … {@code data: [DONE]}) while the model generates.
 * A client that disconnects cancels the generation.
 */
@ApplicationScoped
public class ChatCompletionsRoute {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    CatenaRuntime catena;

    @ConfigProperty(name = "openai-server.default-model")
    Optional<String> defaultModel;

    void register(@Observes Router router) {
        router.post("/v1/chat/completions").handler(BodyHandler.create().setBodyLimit(4 * 1024 * 1024)).blockingHandler(this::handle, false);
    }

    private void handle(RoutingContext rc) {
        try {
            ChatCompletionRequest request;
            try {
                request = JSON.readValue(rc.body().asString(), ChatCompletionRequest.class);
            } catch (Exception e) {
                throw new OpenAiErrors.BadRequest("the body is not a valid chat completion request: " + e.getMessage());
            }
            if (request == null || request.messages() == null || request.messages().isEmpty()) {
                throw new OpenAiErrors.BadRequest("'messages' must contain at least one message");
            }
            String name = modelName(request.model());
            ChatRequest chatRequest = toChatRequest(request);
            String id = "chatcmpl-" + UUID.randomUUID();
            long created = System.currentTimeMillis() / 1000;
            if (Boolean.TRUE.equals(request.stream())) {
                stream(rc.response(), streamingModel(name), chatRequest, id, created, name);
            } else {
                ChatResponse response = chatModel(name).chat(chatRequest);
                ObjectNode out = JSON.createObjectNode().put("id", id).put("object", "chat.completion").put("created", created).put("model", name);
                ObjectNode choice = out.putArray("choices").addObject().put("index", 0);
                AiMessage answer = response.aiMessage();
                ObjectNode message = choice.putObject("message").put("role", "assistant").put("content", answer.text());
                if (answer.hasToolExecutionRequests()) message.set("tool_calls", ToolCalls.json(answer.toolExecutionRequests(), false));
                choice.put("finish_reason", answer.hasToolExecutionRequests() ? "tool_calls" : "stop");
                usage(out, response.tokenUsage());
                rc.response().putHeader("Content-Type", "application/json").end(out.toString());
            }
        } catch (OpenAiErrors.BadRequest e) {
            rc.response().setStatusCode(400).putHeader("Content-Type", "application/json").end(OpenAiErrors.body(e.getMessage()).toString());
        } catch (RuntimeException e) {
            if (!rc.response().headWritten()) {
                rc.response().setStatusCode(500).putHeader("Content-Type", "application/json")
                        .end(OpenAiErrors.body("the model failed: " + e.getMessage()).toString());
            } else if (!rc.response().ended()) {
                rc.response().end();
            }
        }
    }

    private static void stream(HttpServerResponse http, StreamingChatModel model, ChatRequest request, String id, long created, String name) {
        http.setChunked(true).putHeader("Content-Type", "text/event-stream").putHeader("Cache-Control", "no-cache");
        event(http, chunk(id, created, name, JSON.createObjectNode().put("role", "assistant"), null));
        model.chat(request, new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(String partial) {
                if (http.closed()) throw new IllegalStateException("client disconnected");
                event(http, chunk(id, created, name, JSON.createObjectNode().put("content", partial), null));
            }

            @Override
            public void onCompleteResponse(ChatResponse response) {
                AiMessage answer = response.aiMessage();
                if (answer != null && answer.hasToolExecutionRequests()) {
                    ObjectNode delta = JSON.createObjectNode();
                    delta.set("tool_calls", ToolCalls.json(answer.toolExecutionRequests(), true));
                    event(http, chunk(id, created, name, delta, null));
                    event(http, chunk(id, created, name, JSON.createObjectNode(), "tool_calls"));
                } else {
                    event(http, chunk(id, created, name, JSON.createObjectNode(), "stop"));
                }
                event(http, "[DONE]");
                if (!http.ended()) http.end();
            }

            @Override
            public void onError(Throwable error) {
                if (!http.closed()) {
                    event(http, OpenAiErrors.body("the model failed: " + error.getMessage()).toString());
                    http.end();
                }
            }
        });
    }

    private static void event(HttpServerResponse http, String data) {
        if (!http.closed() && !http.ended()) http.write("data: " + data + "\n\n");
    }

    private static String chunk(String id, long created, String model, ObjectNode delta, String finishReason) {
        ObjectNode out = JSON.createObjectNode().put("id", id).put("object", "chat.completion.chunk").put("created", created).put("model", model);
        ObjectNode choice = out.putArray("choices").addObject().put("index", 0);
        choice.set("delta", delta);
        if (finishReason == null) choice.putNull("finish_reason"); else choice.put("finish_reason", finishReason);
        return out.toString();
    }

    private static void usage(ObjectNode out, TokenUsage usage) {
        if (usage == null) return;
        int in = usage.inputTokenCount() == null ? 0 : usage.inputTokenCount();
        int gen = usage.outputTokenCount() == null ? 0 : usage.outputTokenCount();
        out.putObject("usage").put("prompt_tokens", in).put("completion_tokens", gen).put("total_tokens", in + gen);
    }

    private static ChatRequest toChatRequest(ChatCompletionRequest request) {
        List<ChatMessage> messages = new ArrayList<>();
        for (ChatCompletionRequest.Message m : request.messages()) {
            String role = m.role() == null ? "" : m.role();
            messages.add(switch (role) {
                case "system", "developer" -> SystemMessage.from(m.text());
                case "user" -> UserMessage.from(m.text());
                case "assistant" -> ToolCalls.requests(m.toolCalls()).isEmpty() ? AiMessage.from(m.text())
                        : AiMessage.builder().text(m.text().isEmpty() ? null : m.text()).toolExecutionRequests(ToolCalls.requests(m.toolCalls())).build();
                case "tool" -> ToolExecutionResultMessage.from(m.toolCallId(), m.name() == null ? "" : m.name(), m.text());
                default -> throw new OpenAiErrors.BadRequest("unsupported message role '" + role + "' (supported: system, user, assistant, tool)");
            });
        }
        ChatRequest.Builder b = ChatRequest.builder().messages(messages);
        List<ToolSpecification> tools = ToolCalls.specifications(request.tools());
        if (!tools.isEmpty()) b.toolSpecifications(tools);
        if (request.temperature() != null) b.temperature(request.temperature());
        if (request.maxTokens() != null) b.maxOutputTokens(request.maxTokens());
        if (!request.stopStrings().isEmpty()) b.stopSequences(request.stopStrings());
        return b.build();
    }

    private String modelName(String requested) {
        if (requested != null && !requested.isBlank()) return requested;
        return defaultModel.orElseThrow(() -> new OpenAiErrors.BadRequest("no 'model' given and openai-server.default-model is not set"));
    }

    private ChatModel chatModel(String name) {
        if (lookup(name) instanceof ChatModel c) return c;
        throw new OpenAiErrors.BadRequest("model '" + name + "' cannot answer blocking requests");
    }

    private StreamingChatModel streamingModel(String name) {
        if (lookup(name) instanceof StreamingChatModel s) return s;
        throw new OpenAiErrors.BadRequest("model '" + name + "' cannot stream");
    }

    private Object lookup(String name) {
        try {
            return catena.configured(name);
        } catch (IllegalArgumentException e) {
            throw new OpenAiErrors.BadRequest(e.getMessage());
        }
    }
}
