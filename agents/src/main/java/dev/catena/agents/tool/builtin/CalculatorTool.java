package dev.catena.agents.tool.builtin;

import dev.catena.agents.tool.AgentTool;
import dev.catena.agents.tool.ToolArguments;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;

/** The {@link Calculator} as a tool named {@code calculator} with one argument {@code expression}. */
public final class CalculatorTool implements AgentTool {

    private static final ToolSpecification SPEC = ToolSpecification.builder()
            .name("calculator")
            .description("Evaluates an arithmetic expression with + - * / % ^, parentheses and the functions "
                    + "sqrt, abs, min, max, round, floor, ceil, exp, ln, log, sin, cos, tan, pow. Example: (2 + 3) * 4")
            .parameters(JsonObjectSchema.builder()
                    .addStringProperty("expression", "the expression to evaluate")
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
