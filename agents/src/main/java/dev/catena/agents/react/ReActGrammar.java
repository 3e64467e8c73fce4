package dev.catena.agents.react;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * A turn's text is bounded except for the action input, which its schema bounds. The tools are given by their
 * specifications, which may be narrowed to the turn ({@link dev.catena.agents.tool.GroundedTool}).
 */
final class ReActGrammar {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The thought of a turn that must answer. */
    static final String KNOWS = "I now know the final answer.";

    /** The thought of a turn that acts again after a result, before the question. */
    static final String ANOTHER_STEP = "I need another step for the question: ";

    /** The longest thought, in characters. */
    static final int MAX_THOUGHT = 200;

    /** The longest final answer, in characters. */
    static final int MAX_ANSWER = 400;

    /** The thought line, bounded so that a model that rambles still ends its turn within a few hundred tokens. */
    private static final String THOUGHT = "thought ::= [^\\n:]{1,%d}\n".formatted(MAX_THOUGHT);

    private ReActGrammar() {
    }

    /** The protocol over {@code tools}; without {@code mayAnswer} the turn must be an action. */
    static OutputConstraint of(List<ToolSpecification> tools, boolean mayAnswer) {
        return of(tools, mayAnswer, null, List.of());
    }

    /**
     * The protocol over {@code tools}, whose thought is {@code thought} when it is not null (the model then writes only
     * the action or the answer); without {@code mayAnswer} the turn must be an action. A final answer is one of
     * {@code quotes} when there are any, else a line of its own.
     */
    static OutputConstraint of(List<ToolSpecification> tools, boolean mayAnswer, String thought, List<String> quotes) {
        String first = thought == null ? "\"Thought: \" thought \"\\n\" " : literal("Thought: " + oneLine(thought) + "\n") + " ";
        return protocol("root ::= " + first + (mayAnswer ? "(action | final)" : "action") + "\n", tools, quotes);
    }

    /**
     * The turn after a tool's result when the thoughts are given: either {@value #KNOWS} and the final answer, or
     * {@value #ANOTHER_STEP} and the question, then another action. The model's choice of thought is its choice between
     * answering and acting; both begin with "I ", so a model that copies its previous thought (the restated question)
     * does not act again only for that.
     */
    static OutputConstraint answerOrAct(List<ToolSpecification> tools, String question, List<String> quotes) {
        return protocol("root ::= " + literal("Thought: " + KNOWS + "\n") + " final | "
                + literal("Thought: " + ANOTHER_STEP + oneLine(question) + "\n") + " action\n", tools, quotes);
    }

    /**
     * The turn in which the model must answer: the thought is given ({@value #KNOWS}), so a model that copies its
     * earlier thought does not talk itself into another action, and the final answer (one of {@code quotes} when there
     * are any) follows.
     */
    static OutputConstraint finalAnswer(List<String> quotes) {
        return OutputConstraint.gbnf("root ::= " + literal("Thought: " + KNOWS + "\n") + " final\n" + THOUGHT + finalRule(quotes));
    }

    /** {@code root} followed by the common rules and one action rule per tool, whose input is valid for its schema. */
    private static OutputConstraint protocol(String root, List<ToolSpecification> tools, List<String> quotes) {
        StringBuilder g = new StringBuilder(root).append(THOUGHT).append(finalRule(quotes));
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
            ToolSpecification spec = tools.get(i);
            g.append("tool").append(i).append(" ::= ").append(literal(spec.name()))
                    .append(" \"\\nAction Input: \" input").append(i).append(" \"\\n\"?\n");
            c = c.withJsonSchema("input" + i, schema(spec));
        }
        return new OutputConstraint(g.toString(), c.jsonSchemas());
    }

    /**
     * The final answer line: one of {@code quotes} (sentences of the tools' results) when there are any, else any line
     * of at most {@value #MAX_ANSWER} characters, bounded so that a rambling model still ends its turn.
     */
    private static String finalRule(List<String> quotes) {
        if (quotes.isEmpty()) return "final ::= \"Final Answer: \" [^\\n]{1,%d}\n".formatted(MAX_ANSWER);
        StringBuilder rule = new StringBuilder("final ::= \"Final Answer: \" (");
        for (int i = 0; i < quotes.size(); i++) {
            rule.append(i == 0 ? "" : " | ").append(literal(oneLine(quotes.get(i))));
        }
        return rule.append(")\n").toString();
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
