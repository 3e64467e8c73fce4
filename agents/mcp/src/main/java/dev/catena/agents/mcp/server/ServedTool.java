package dev.catena.agents.mcp.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.catena.agents.Agent;
import dev.catena.agents.AgentResult;
import dev.catena.agents.tool.AgentTool;
import dev.catena.agents.tool.ToolArguments;
import dev.catena.chains.ChainInputs;
import dev.catena.core.runnable.Runnable;
import dev.langchain4j.internal.JsonSchemaElementUtils;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * A Catena tool, agent or chain as one MCP tool: its name, description, JSON Schema of the
 * arguments, and the code that turns arguments into the result text. A failure of that code is
 * answered as a tool error, never as a broken connection.
 *
 * @param name        the MCP tool name
 * @param description what the tool does, for the calling model
 * @param inputSchema the JSON Schema of the arguments (an object)
 * @param handler     computes the result text from the arguments
 */
public record ServedTool(String name, String description, Map<String, Object> inputSchema, Function<Map<String, Object>, String> handler) {

    public ServedTool {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("a served tool needs a name");
        description = description == null ? "" : description;
        inputSchema = Map.copyOf(Objects.requireNonNull(inputSchema, "inputSchema"));
        Objects.requireNonNull(handler, "handler");
    }

    /** An agent tool, with its own name, description and schema. */
    public static ServedTool of(AgentTool tool) {
        Map<String, Object> schema = tool.specification().parameters() == null
                ? Map.of("type", "object", "properties", Map.of())
                : JsonSchemaElementUtils.toMap(tool.specification().parameters());
        String description = tool.specification().description();
        return new ServedTool(tool.name(), description, schema, args -> tool.execute(json(args)));
    }

    /** An agent answering the argument {@code input}; a run that ends without an answer is an error. */
    public static ServedTool of(String name, String description, Agent agent) {
        Objects.requireNonNull(agent, "agent");
        return new ServedTool(name, description, textInput("The question or task for the agent"), args -> {
            AgentResult result = agent.invoke(input(args));
            if (!result.answered()) throw new IllegalStateException("the agent stopped without an answer: " + result.stopReason());
            return result.output();
        });
    }

    /**
     * A chain called with the arguments as its input variables ({@code inputs} names them for the
     * schema; all are text); the result is the chain's output as text.
     */
    public static ServedTool of(String name, String description, Runnable<Map<String, Object>, ?> chain, List<String> inputs) {
        Objects.requireNonNull(chain, "chain");
        Map<String, Object> properties = new LinkedHashMap<>();
        for (String key : inputs) properties.put(key, Map.of("type", "string"));
        Map<String, Object> schema = inputs.isEmpty()
                ? Map.of("type", "object", "additionalProperties", Map.of("type", "string"))
                : Map.of("type", "object", "properties", properties, "required", List.copyOf(inputs));
        return new ServedTool(name, description, schema, args -> ChainInputs.text(chain.invoke(new LinkedHashMap<>(args))));
    }

    private static Map<String, Object> textInput(String description) {
        return Map.of("type", "object", "properties", Map.of("input", Map.of("type", "string", "description", description)),
                "required", List.of("input"));
    }

    private static String input(Map<String, Object> args) {
        Object input = args.get("input");
        if (!(input instanceof String s) || s.isBlank()) throw new IllegalArgumentException("argument 'input' (text) is required");
        return s;
    }

    private static String json(Map<String, Object> args) {
        try {
            return ToolArguments.JSON.writeValueAsString(args);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("arguments cannot be written as JSON: " + e.getOriginalMessage());
        }
    }
}
