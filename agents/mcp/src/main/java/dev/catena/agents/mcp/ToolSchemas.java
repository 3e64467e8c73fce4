package dev.catena.agents.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.model.chat.request.json.JsonAnyOfSchema;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonBooleanSchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonNullSchema;
import dev.langchain4j.model.chat.request.json.JsonNumberSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonRawSchema;
import dev.langchain4j.model.chat.request.json.JsonReferenceSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts an MCP tool's {@code inputSchema} (JSON Schema as a parsed JSON map) to LangChain4j's
 * schema types. Throws {@link InvalidToolSchemaException} for a schema that is not valid JSON Schema
 * (a {@code type} that does not exist, {@code properties} that are not schemas, {@code required}
 * that is not a list of names) or whose top level is not an object; the caller names server and tool.
 */
final class ToolSchemas {

    /** Deepest nesting accepted; deeper schemas are refused rather than walked. */
    private static final int MAX_DEPTH = 32;

    private static final ObjectMapper JSON = new ObjectMapper();

    private ToolSchemas() {}

    /** The parameters of a tool: {@code schema} must describe an object (an absent schema means no arguments). */
    static JsonObjectSchema parameters(Map<String, Object> schema) {
        if (schema == null || schema.isEmpty()) return JsonObjectSchema.builder().build();
        Object type = schema.get("type");
        if (type != null && !"object".equals(type)) {
            throw new InvalidToolSchemaException("the input schema's type must be \"object\", was " + describe(type));
        }
        Map<String, JsonSchemaElement> defs = new LinkedHashMap<>();
        for (String key : List.of("$defs", "definitions")) {
            Object d = schema.get(key);
            if (d == null) continue;
            for (Map.Entry<String, Object> e : asMap(d, key).entrySet()) defs.put(e.getKey(), element(e.getValue(), key + "." + e.getKey(), 1));
        }
        JsonObjectSchema object = object(schema, "inputSchema", 0);
        if (defs.isEmpty()) return object;
        return JsonObjectSchema.builder().description(object.description()).addProperties(object.properties())
                .required(object.required() == null ? List.of() : object.required())
                .additionalProperties(object.additionalProperties()).definitions(defs).build();
    }

    private static JsonSchemaElement element(Object node, String path, int depth) {
        if (depth > MAX_DEPTH) throw new InvalidToolSchemaException("the schema nests deeper than " + MAX_DEPTH + " levels at " + path);
        if (Boolean.TRUE.equals(node)) return raw(Map.of());
        Map<String, Object> schema = asMap(node, path);
        String description = schema.get("description") instanceof String s ? s : null;
        if (schema.get("$ref") instanceof String ref) {
            return JsonReferenceSchema.builder().reference(ref.replaceFirst("^#/(\\$defs|definitions)/", "")).build();
        }
        if (schema.get("enum") instanceof List<?> values) {
            List<String> names = new ArrayList<>();
            for (Object v : values) names.add(String.valueOf(v));
            return JsonEnumSchema.builder().enumValues(names).description(description).build();
        } else if (schema.containsKey("enum")) {
            throw new InvalidToolSchemaException("\"enum\" must be a list at " + path + ", was " + describe(schema.get("enum")));
        }
        for (String combinator : List.of("anyOf", "oneOf")) {
            if (schema.containsKey(combinator)) {
                if (!(schema.get(combinator) instanceof List<?> options)) {
                    throw new InvalidToolSchemaException("\"" + combinator + "\" must be a list at " + path);
                }
                List<JsonSchemaElement> elements = new ArrayList<>();
                for (int i = 0; i < options.size(); i++) elements.add(element(options.get(i), path + "." + combinator + "[" + i + "]", depth + 1));
                return JsonAnyOfSchema.builder().anyOf(elements).description(description).build();
            }
        }
        Object type = schema.get("type");
        if (type instanceof List<?> types) {
            List<JsonSchemaElement> elements = new ArrayList<>();
            for (Object t : types) {
                Map<String, Object> single = new LinkedHashMap<>(schema);
                single.put("type", t);
                elements.add(element(single, path, depth + 1));
            }
            return JsonAnyOfSchema.builder().anyOf(elements).description(description).build();
        }
        if (type == null) return raw(schema);
        if (!(type instanceof String name)) throw new InvalidToolSchemaException("\"type\" must be a name or a list of names at " + path + ", was " + describe(type));
        return switch (name) {
            case "object" -> object(schema, path, depth);
            case "string" -> JsonStringSchema.builder().description(description).build();
            case "integer" -> JsonIntegerSchema.builder().description(description).build();
            case "number" -> JsonNumberSchema.builder().description(description).build();
            case "boolean" -> JsonBooleanSchema.builder().description(description).build();
            case "null" -> new JsonNullSchema();
            case "array" -> {
                JsonArraySchema.Builder b = JsonArraySchema.builder().description(description);
                Object items = schema.get("items");
                if (items != null) b.items(element(items, path + ".items", depth + 1));
                yield b.build();
            }
            default -> throw new InvalidToolSchemaException("unknown type " + describe(type) + " at " + path
                    + "; JSON Schema types are object, array, string, number, integer, boolean and null");
        };
    }

    private static JsonObjectSchema object(Map<String, Object> schema, String path, int depth) {
        JsonObjectSchema.Builder b = JsonObjectSchema.builder();
        if (schema.get("description") instanceof String s) b.description(s);
        Object properties = schema.get("properties");
        if (properties != null) {
            for (Map.Entry<String, Object> e : asMap(properties, path + ".properties").entrySet()) {
                b.addProperty(e.getKey(), element(e.getValue(), path + ".properties." + e.getKey(), depth + 1));
            }
        }
        Object required = schema.get("required");
        if (required != null) {
            if (!(required instanceof List<?> names) || !names.stream().allMatch(String.class::isInstance)) {
                throw new InvalidToolSchemaException("\"required\" must be a list of property names at " + path + ", was " + describe(required));
            }
            b.required(names.stream().map(String.class::cast).toList());
        }
        if (schema.get("additionalProperties") instanceof Boolean additional) b.additionalProperties(additional);
        return b.build();
    }

    /** A schema without a type (any value, or constraints only): passed on as written. */
    private static JsonSchemaElement raw(Map<String, Object> schema) {
        try {
            return JsonRawSchema.from(JSON.writeValueAsString(schema));
        } catch (JsonProcessingException e) {
            throw new InvalidToolSchemaException("the schema cannot be written as JSON: " + e.getOriginalMessage());
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object node, String path) {
        if (node instanceof Map<?, ?> map && map.keySet().stream().allMatch(String.class::isInstance)) return (Map<String, Object>) map;
        throw new InvalidToolSchemaException("expected a schema object at " + path + ", found " + describe(node));
    }

    private static String describe(Object value) {
        if (value == null) return "null";
        if (value instanceof String s) return "\"" + s + "\"";
        if (value instanceof Map<?, ?>) return "an object";
        if (value instanceof List<?>) return "a list";
        return String.valueOf(value);
    }
}
