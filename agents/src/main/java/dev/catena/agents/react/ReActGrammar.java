package dev.catena.agents.react;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.catena.agents.tool.AgentTool;
import dev.catena.core.model.OutputConstraint;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.internal.JsonSchemaElementUtils;

import java.util.List;
import java.util.Map;

/**
 * The ReAct protocol as a grammar, for models that constrain their decoding: one {@code Thought:} line, then either
 * {@code Action:} naming one of the tools followed by {@code Action Input:} valid for that tool's parameter schema,
 * or a one-line {@code Final Answer:}. The turn then has to end, so the model cannot invent an observation.
 */
final class ReActGrammar {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ReActGrammar() {
    }

    static OutputConstraint of(List<AgentTool> tools) {
        StringBuilder g = new StringBuilder("""
                root ::= "Thought: " line "\\n" (action | final)
                line ::= [^\\n]+
                final ::= "Final Answer: " line
                """);
        if (tools.isEmpty()) {
            g.append("action ::= final\n");
        } else {
            g.append("action ::= \"Action: \" (");
            for (int i = 0; i < tools.size(); i++) {
                g.append(i == 0 ? "" : " | ").append("tool").append(i);
            }
            g.append(")\n");
        }
        OutputConstraint c = OutputConstraint.gbnf("");
        for (int i = 0; i < tools.size(); i++) {
            ToolSpecification spec = tools.get(i).specification();
            g.append("tool").append(i).append(" ::= ").append(literal(spec.name()))
                    .append(" \"\\nAction Input: \" input").append(i).append(" \"\\n\"?\n");
            c = c.withJsonSchema("input" + i, schema(spec));
        }
        return new OutputConstraint(g.toString(), c.jsonSchemas());
    }

    private static String schema(ToolSpecification spec) {
        Map<String, Object> schema = spec.parameters() == null
                ? Map.of("type", "object", "properties", Map.of())
                : JsonSchemaElementUtils.toMap(spec.parameters());
        try {
            return JSON.writeValueAsString(schema);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the parameter schema of tool " + spec.name(), e);
        }
    }

    /** A GBNF string literal. */
    private static String literal(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
