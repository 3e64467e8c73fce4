package dev.catena.llm.template;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.internal.JsonSchemaElementUtils;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * LangChain4j messages and tool specifications in the shapes Hugging Face chat templates read:
 * {@code {role, content}} messages ({@code system}, {@code user}, {@code assistant}, {@code tool}); an
 * assistant's tool calls as {@code tool_calls: [{id, type: "function", function: {name, arguments}}]} with the
 * arguments parsed to a map (kept as the raw string when they are not a JSON object); a tool result as
 * {@code {role: "tool", tool_call_id, name, content}}; tools as OpenAI {@code {type: "function", function:
 * {name, description, parameters}}} with the JSON schema as a map. Maps keep insertion order, as Python dicts do.
 */
final class TemplateVariables {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TemplateVariables() {
    }

    static List<Map<String, Object>> messages(List<ChatMessage> messages) {
        List<Map<String, Object>> out = new ArrayList<>(messages.size());
        for (ChatMessage m : messages) {
            Map<String, Object> msg = new LinkedHashMap<>();
            switch (m) {
                case SystemMessage s -> {
                    msg.put("role", "system");
                    msg.put("content", s.text());
                }
                case UserMessage u -> {
                    msg.put("role", "user");
                    msg.put("content", userText(u));
                }
                case AiMessage a -> {
                    msg.put("role", "assistant");
                    msg.put("content", a.text() == null ? "" : a.text());
                    if (a.thinking() != null) {
                        msg.put("reasoning_content", a.thinking());
                    }
                    if (a.hasToolExecutionRequests()) {
                        List<Map<String, Object>> calls = new ArrayList<>();
                        for (ToolExecutionRequest r : a.toolExecutionRequests()) {
                            Map<String, Object> function = new LinkedHashMap<>();
                            function.put("name", r.name());
                            function.put("arguments", arguments(r.arguments()));
                            Map<String, Object> call = new LinkedHashMap<>();
                            call.put("id", r.id());
                            call.put("type", "function");
                            call.put("function", function);
                            calls.add(call);
                        }
                        msg.put("tool_calls", calls);
                    }
                }
                case ToolExecutionResultMessage t -> {
                    msg.put("role", "tool");
                    msg.put("tool_call_id", t.id());
                    msg.put("name", t.toolName());
                    msg.put("content", t.text());
                }
                default -> throw new IllegalArgumentException("chat templates cannot render a " + m.type() + " message: " + m);
            }
            out.add(msg);
        }
        return out;
    }

    private static String userText(UserMessage u) {
        if (u.hasSingleText()) {
            return u.singleText();
        }
        for (Content c : u.contents()) {
            if (!(c instanceof TextContent)) {
                throw new IllegalArgumentException("chat templates render text only; user message has " + c.type() + " content");
            }
        }
        return u.contents().stream().map(c -> ((TextContent) c).text()).collect(Collectors.joining("\n"));
    }

    /** Arguments as a map (as Hugging Face expects); a non-object or invalid JSON string stays a string. */
    private static Object arguments(String json) {
        if (json == null || json.isBlank()) {
            return new LinkedHashMap<>();
        }
        try {
            Object v = JSON.readValue(json, Object.class);
            return v instanceof Map<?, ?> ? v : json;
        } catch (JsonProcessingException e) {
            return json;
        }
    }

    /** Tools in OpenAI form, or {@code null} (Hugging Face passes {@code tools=None} when there are none). */
    static List<Map<String, Object>> tools(List<ToolSpecification> tools) {
        if (tools == null || tools.isEmpty()) {
            return null;
        }
        List<Map<String, Object>> out = new ArrayList<>(tools.size());
        for (ToolSpecification t : tools) {
            Map<String, Object> function = new LinkedHashMap<>();
            function.put("name", t.name());
            if (t.description() != null) {
                function.put("description", t.description());
            }
            Map<String, Object> parameters;
            if (t.parameters() != null) {
                parameters = JsonSchemaElementUtils.toMap(t.parameters());
            } else {
                parameters = new LinkedHashMap<>();
                parameters.put("type", "object");
                parameters.put("properties", new LinkedHashMap<>());
            }
            function.put("parameters", parameters);
            Map<String, Object> tool = new LinkedHashMap<>();
            tool.put("type", "function");
            tool.put("function", function);
            out.add(tool);
        }
        return out;
    }
}
