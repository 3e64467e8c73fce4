package dev.catena.samples.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;

import java.util.ArrayList;
import java.util.List;

/**
 * The OpenAI tool fields in LangChain4j terms: {@code tools} as tool specifications (parameters of
 * scalar JSON-schema types), an assistant message's {@code tool_calls} as execution requests, and back.
 */
final class ToolCalls {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ToolCalls() {}

    /** {@code [{type: function, function: {name, description, parameters}}]} as specifications. */
    static List<ToolSpecification> specifications(JsonNode tools) {
        List<ToolSpecification> out = new ArrayList<>();
        if (tools == null || !tools.isArray()) return out;
        for (JsonNode tool : tools) {
            JsonNode f = tool.path("function");
            if (!f.hasNonNull("name")) throw OpenAiErrors.invalid("tools", "every tool needs function.name", "invalid_value");
            ToolSpecification.Builder b = ToolSpecification.builder().name(f.get("name").asText());
            if (f.hasNonNull("description")) b.description(f.get("description").asText());
            JsonNode properties = f.path("parameters").path("properties");
            if (properties.isObject() && !properties.isEmpty()) {
                JsonObjectSchema.Builder schema = JsonObjectSchema.builder();
                properties.properties().forEach(p -> {
                    String description = p.getValue().path("description").asText(null);
                    switch (p.getValue().path("type").asText("string")) {
                        case "integer" -> schema.addIntegerProperty(p.getKey(), description);
                        case "number" -> schema.addNumberProperty(p.getKey(), description);
                        case "boolean" -> schema.addBooleanProperty(p.getKey(), description);
                        default -> schema.addStringProperty(p.getKey(), description);
                    }
                });
                List<String> required = new ArrayList<>();
                f.path("parameters").path("required").forEach(r -> required.add(r.asText()));
                b.parameters(schema.required(required).build());
            }
            out.add(b.build());
        }
        return out;
    }

    /** An assistant message's {@code tool_calls} as execution requests. */
    static List<ToolExecutionRequest> requests(JsonNode toolCalls) {
        List<ToolExecutionRequest> out = new ArrayList<>();
        if (toolCalls == null || !toolCalls.isArray()) return out;
        for (JsonNode call : toolCalls) {
            out.add(ToolExecutionRequest.builder().id(call.path("id").asText(null))
                    .name(call.path("function").path("name").asText())
                    .arguments(call.path("function").path("arguments").asText("{}")).build());
        }
        return out;
    }

    /** Execution requests as {@code tool_calls}; with {@code indexed}, each carries its index (streamed deltas). */
    static ArrayNode json(List<ToolExecutionRequest> requests, boolean indexed) {
        ArrayNode out = JSON.createArrayNode();
        for (int i = 0; i < requests.size(); i++) {
            ToolExecutionRequest r = requests.get(i);
            ObjectNode call = out.addObject();
            if (indexed) call.put("index", i);
            call.put("id", r.id()).put("type", "function");
            call.putObject("function").put("name", r.name()).put("arguments", r.arguments());
        }
        return out;
    }
}
