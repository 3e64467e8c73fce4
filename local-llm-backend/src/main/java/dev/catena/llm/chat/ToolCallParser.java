package dev.catena.llm.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.agent.tool.ToolExecutionRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises tool calls in generated text, in the forms chat templates ask for: {@code <tool_call>{json}</tool_call>}
 * blocks (Qwen, Hermes) or a reply that is a single JSON object {@code {"name": ..., "arguments"|"parameters": {...}}}
 * (Llama 3.x, Gemma).
 */
final class ToolCallParser {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TAGGED = Pattern.compile("<tool_call>\\s*(\\{.*?})\\s*</tool_call>", Pattern.DOTALL);

    private ToolCallParser() {
    }

    /** The tool calls in {@code text}; empty when it is a plain answer. */
    static List<ToolExecutionRequest> parse(String text) {
        List<ToolExecutionRequest> calls = new ArrayList<>();
        Matcher m = TAGGED.matcher(text);
        while (m.find()) {
            toRequest(m.group(1), calls.size()).ifPresent(calls::add);
        }
        if (calls.isEmpty()) {
            String t = text.strip();
            if (t.startsWith("```")) {
                t = t.replaceAll("^```(json)?", "").replaceAll("```$", "").strip();
            }
            if (t.startsWith("{") && t.endsWith("}")) {
                toRequest(t, 0).ifPresent(calls::add);
            }
        }
        return calls;
    }

    private static java.util.Optional<ToolExecutionRequest> toRequest(String json, int index) {
        try {
            JsonNode node = JSON.readTree(json);
            JsonNode name = node.get("name");
            if (name == null || !name.isTextual()) {
                return java.util.Optional.empty();
            }
            JsonNode args = node.has("arguments") ? node.get("arguments") : node.get("parameters");
            String arguments = args == null ? "{}" : args.isTextual() ? args.asText() : JSON.writeValueAsString(args);
            return java.util.Optional.of(ToolExecutionRequest.builder()
                    .id("call_" + index).name(name.asText()).arguments(arguments).build());
        } catch (Exception e) {
            return java.util.Optional.empty();
        }
    }
}
