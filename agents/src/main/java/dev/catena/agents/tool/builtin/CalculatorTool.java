package dev.catena.agents.tool.builtin;

import dev.catena.agents.tool.GroundedTool;
import dev.catena.agents.tool.ToolArguments;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonRawSchema;

import java.util.List;
import java.util.Optional;

/**
 * The {@link Calculator} as a tool named {@code calculator} with one argument {@code expression}, a string whose
 * schema {@code pattern} admits only expressions the calculator reads ({@link Calculator#EXPRESSION}), so a model that
 * constrains its decoding to the schema writes a calculation that parses, not words or a bare number. Grounded in what
 * a run has seen, its expressions may use only the numbers written there.
 */
public final class CalculatorTool implements GroundedTool {

    private static final String DESCRIPTION = "Evaluates an arithmetic expression with + - * / % ^, parentheses and the functions "
            + "sqrt, abs, min, max, round, floor, ceil, exp, ln, log, sin, cos, tan, pow. Example: (2 + 3) * 4";

    private static final ToolSpecification SPEC = specification(Calculator.EXPRESSION);

    @Override
    public ToolSpecification specification() {
        return SPEC;
    }

    /**
     * The specification whose expressions use only the numbers written in {@code seen} (and {@code pi} where it is
     * named); empty when {@code seen} has no number, since a calculation would then be made of invented ones.
     */
    @Override
    public Optional<ToolSpecification> groundedIn(String seen) {
        List<String> numbers = Calculator.numbersIn(seen);
        if (numbers.isEmpty()) return Optional.empty();
        return Optional.of(specification(Calculator.expressionOver(numbers, Calculator.mentionsPi(seen))));
    }

    @Override
    public String execute(String arguments) {
        String expression = ToolArguments.parse(SPEC, arguments).get("expression").asText();
        return Calculator.format(Calculator.evaluate(expression));
    }

    private static ToolSpecification specification(String pattern) {
        String expression = ToolArguments.JSON.createObjectNode().put("type", "string")
                .put("description", "the expression to evaluate").put("pattern", pattern).toString();
        return ToolSpecification.builder()
                .name("calculator")
                .description(DESCRIPTION)
                .parameters(JsonObjectSchema.builder()
                        .addProperty("expression", JsonRawSchema.from(expression))
                        .required("expression")
                        .build())
                .build();
    }
}
