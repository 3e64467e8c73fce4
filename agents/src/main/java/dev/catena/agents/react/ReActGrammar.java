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
 * or a one-line {@code Final Answer:}. The turn then has to end, so the model cannot invent an observation. The
 * thought has no colon, so it cannot pose as a keyword line ({@code ... Final Answer: x}) that the parser would read.
 * A turn's text is bounded except for the action input, which its schema bounds.
 */
final class ReActGrammar {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The thought of a turn that must answer. */
    static final String KNOWS = "I now know the final answer.";

    /** The longest thought, in characters. */
    static final int MAX_THOUGHT = 200;

    /** The longest final answer, in characters. */
    static final int MAX_ANSWER = 400;

    /**
     * The thought and final answer lines, bounded so that a model that rambles still ends its turn within a few hundred
     * tokens, where a cut-off turn would not parse.
     */
    private static final String COMMON = """
            thought ::= [^\\n:]{1,%d}
            final ::= "Final Answer: " [^\\n]{1,%d}
            """.formatted(MAX_THOUGHT, MAX_ANSWER);

    private ReActGrammar() {
    }

    /** The protocol over {@code tools}; without {@code mayAnswer} the turn must be an action. */
    static OutputConstraint of(List<AgentTool> tools, boolean mayAnswer) {
        return of(tools, mayAnswer, null);
    }

    /**
     * The protocol over {@code tools}, whose thought is {@code thought} when it is not null (the model then writes only
     * the action or the answer); without {@code mayAnswer} the turn must be an action.
     */
    static OutputConstraint of(List<AgentTool> tools, boolean mayAnswer, String thought) {
        String first = thought == null ? "\"Thought: \" thought \"\\n\" " : literal("Thought: " + oneLine(thought) + "\n") + " ";
        StringBuilder g = new StringBuilder("root ::= " + first + (mayAnswer ? "(action | final)" : "action") + "\n" + COMMON);
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

    /**
     * The turn in which the model must answer: the thought is given ({@value #KNOWS}), so a model that copies its
     * earlier thought does not talk itself into another action, and the final answer follows.
     */
    static OutputConstraint finalAnswer() {
        return OutputConstraint.gbnf("root ::= " + literal("Thought: " + KNOWS + "\n") + " final\n" + COMMON);
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

    /** {@code text} on one line: line breaks become spaces. */
    static String oneLine(String text) {
        return text.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    /** A GBNF string literal. */
    private static String literal(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
