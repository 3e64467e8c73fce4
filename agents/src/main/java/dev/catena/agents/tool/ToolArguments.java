package dev.catena.agents.tool;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the arguments a model wrote for a tool into a JSON object and checks them against the
 * tool's schema: required keys present, no unknown keys. Tolerant of what small models write: code
 * fences around JSON, and plain text for a tool with exactly one argument.
 */
public final class ToolArguments {

    /** Shared mapper for tool arguments and results. */
    public static final ObjectMapper JSON = new ObjectMapper();

    /** Longest argument text accepted (characters). */
    public static final int MAX_LENGTH = 100_000;

    private ToolArguments() {}

    /**
     * Parses {@code raw} for the tool {@code spec}.
     *
     * @throws ToolArgumentException naming the tool and what was wrong
     */
    public static ObjectNode parse(ToolSpecification spec, String raw) {
        String tool = spec.name();
        String text = stripFences(raw == null ? "" : raw.strip());
        if (text.length() > MAX_LENGTH) {
            throw new ToolArgumentException("arguments for '" + tool + "' are " + text.length()
                    + " characters long; the limit is " + MAX_LENGTH);
        }
        Map<String, ?> properties = properties(spec);
        ObjectNode args;
        if (text.isEmpty()) {
            args = JSON.createObjectNode();
        } else if (text.startsWith("{")) {
            try {
                JsonNode node = JSON.readTree(text);
                if (!(node instanceof ObjectNode o)) throw new ToolArgumentException("arguments for '" + tool + "' must be a JSON object");
                args = o;
            } catch (JsonProcessingException e) {
                throw new ToolArgumentException("arguments for '" + tool + "' are not valid JSON: "
                        + e.getOriginalMessage() + "; expected a JSON object with keys " + properties.keySet());
            }
        } else if (properties.size() == 1) {
            args = JSON.createObjectNode();
            args.set(properties.keySet().iterator().next(), new TextNode(unquote(text)));
        } else {
            throw new ToolArgumentException("arguments for '" + tool + "' must be a JSON object with keys "
                    + properties.keySet() + ", got: " + abbreviate(text));
        }
        check(spec, args, properties);
        return args;
    }

    private static void check(ToolSpecification spec, ObjectNode args, Map<String, ?> properties) {
        List<String> unknown = new ArrayList<>();
        args.fieldNames().forEachRemaining(k -> { if (!properties.containsKey(k)) unknown.add(k); });
        if (!unknown.isEmpty()) {
            throw new ToolArgumentException("unknown argument(s) " + unknown + " for '" + spec.name()
                    + "'; expected keys " + properties.keySet());
        }
        JsonObjectSchema schema = spec.parameters();
        if (schema != null && schema.required() != null) {
            for (String key : schema.required()) {
                if (!args.hasNonNull(key)) {
                    throw new ToolArgumentException("missing required argument '" + key + "' for '" + spec.name() + "'");
                }
            }
        }
    }

    private static Map<String, ?> properties(ToolSpecification spec) {
        JsonObjectSchema schema = spec.parameters();
        return schema == null || schema.properties() == null ? Map.of() : schema.properties();
    }

    private static String stripFences(String text) {
        if (!text.startsWith("```")) return text;
        String body = text.substring(3);
        int newline = body.indexOf('\n');
        if (newline >= 0 && body.substring(0, newline).strip().matches("[A-Za-z]*")) body = body.substring(newline + 1);
        int end = body.lastIndexOf("```");
        return (end >= 0 ? body.substring(0, end) : body).strip();
    }

    private static String unquote(String text) {
        if (text.length() >= 2 && (text.startsWith("\"") && text.endsWith("\"") || text.startsWith("'") && text.endsWith("'"))) {
            return text.substring(1, text.length() - 1);
        }
        return text;
    }

    static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }
}
