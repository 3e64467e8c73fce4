package dev.catena.agents.react;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.catena.agents.tool.AgentTool;
import dev.catena.agents.tool.ToolArguments;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonBooleanSchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonNumberSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonRawSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;

import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/** Describes tools in prose for a text prompt: {@code name: description. Arguments: {"x": number}}. */
final class ToolDescriptions {

    private ToolDescriptions() {}

    static String describe(List<AgentTool> tools) {
        StringJoiner out = new StringJoiner("\n");
        for (AgentTool t : tools) out.add(describe(t));
        return out.toString();
    }

    static String describe(AgentTool tool) {
        String description = tool.specification().description();
        StringBuilder b = new StringBuilder(tool.name()).append(": ");
        b.append(description == null || description.isBlank() ? "(no description)" : description.strip());
        JsonObjectSchema params = tool.specification().parameters();
        Map<String, JsonSchemaElement> props = params == null || params.properties() == null ? Map.of() : params.properties();
        if (props.isEmpty()) {
            b.append(" Arguments: {}");
        } else {
            StringJoiner args = new StringJoiner(", ", "{", "}");
            props.forEach((name, schema) -> args.add("\"" + name + "\": " + type(schema)));
            b.append(" Arguments: ").append(args);
        }
        return b.toString();
    }

    private static JsonNode raw(JsonRawSchema schema) {
        try {
            return ToolArguments.JSON.readTree(schema.schema());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a tool's raw JSON Schema is not JSON: " + schema.schema(), e);
        }
    }

    private static String type(JsonSchemaElement schema) {
        String type = switch (schema) {
            case JsonStringSchema s -> "string";
            case JsonIntegerSchema s -> "integer";
            case JsonNumberSchema s -> "number";
            case JsonBooleanSchema s -> "boolean";
            case JsonEnumSchema s -> "one of " + s.enumValues();
            case JsonArraySchema s -> "array of " + (s.items() == null ? "values" : type(s.items()));
            case JsonObjectSchema s -> "object";
            case JsonRawSchema s -> raw(s).path("type").asText("value");
            default -> "value";
        };
        String description = schema instanceof JsonRawSchema s ? raw(s).path("description").asText(null) : schema.description();
        return description == null || description.isBlank() ? type : type + " (" + description.strip() + ")";
    }
}
