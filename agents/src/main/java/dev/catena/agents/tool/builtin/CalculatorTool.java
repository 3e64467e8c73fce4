package dev.catena.agents.tool.builtin;

import dev.catena.agents.tool.AgentTool;
import dev.catena.agents.tool.ToolArguments;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonRawSchema;

/**
 * The {@link Calculator} as a tool named {@code calculator} with one argument {@code expression}, a string whose
 * schema {@code pattern} admits only expressions the calculator reads ({@link Calculator#EXPRESSION}), so a model that
 * constrains its decoding to the schema writes a calculation that parses, not words or a bare number.
 */
public final class CalculatorTool implements AgentTool {

    private static final String EXPRESSION = ToolArguments.JSON.createObjectNode().put("type", "string")
            .put("description", "the expression to evaluate").put("pattern", Calculator.EXPRESSION).toString();

    private static final ToolSpecification SPEC = ToolSpecification.builder()
            .name("calculator")
            .description("Evaluates an arithmetic expression with + - * / % ^, parentheses and the functions "
                    + "sqrt, abs, min, max, round, floor, ceil, exp, ln, log, sin, cos, tan, pow. Example: (2 + 3) * 4")
            .parameters(JsonObjectSchema.builder()
                    .addProperty("expression", JsonRawSchema.from(EXPRESSION))
                    .required("expression")
                    .build())
            .build();

    @Override
    public ToolSpecification specification() {
        return SPEC;
    }

    @Override
    public String execute(String arguments) {
        String expression = ToolArguments.parse(SPEC, arguments).get("expression").asText();
        return Calculator.format(Calculator.evaluate(expression));
    }
}
