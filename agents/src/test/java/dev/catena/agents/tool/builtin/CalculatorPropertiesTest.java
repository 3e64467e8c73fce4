package dev.catena.agents.tool.builtin;

import dev.catena.agents.tool.ToolArgumentException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The calculator cannot execute code (issue 9): whatever string the model sends, the result is a
 * finite number or a {@link CalculatorException} (the documented parse error) naming a position.
 */
class CalculatorPropertiesTest {

    @Property(tries = 3000)
    void anyStringIsANumberOrAParseError(@ForAll @StringLength(max = 200) String input) {
        check(input);
    }

    @Property(tries = 3000)
    void expressionLikeStringsAreANumberOrAParseError(@ForAll("expressionLike") String input) {
        check(input);
    }

    @Property(tries = 1000)
    void codeLikeStringsAreAlwaysParseErrors(@ForAll("codeLike") String input) {
        try {
            Calculator.evaluate(input);
            throw new AssertionError("evaluated code: " + input);
        } catch (CalculatorException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    /** The tool answers exactly what the evaluator computes, or fails with the evaluator's own error. */
    @Property(tries = 500)
    void theToolAnswersWithANumberOrThrowsOnlyDocumentedErrors(@ForAll("expressionLike") String input) {
        CalculatorTool tool = new CalculatorTool();
        String arguments = "{\"expression\": " + com.fasterxml.jackson.databind.node.TextNode.valueOf(input) + "}";
        String expected;
        try {
            expected = Calculator.format(Calculator.evaluate(input));
        } catch (CalculatorException e) {
            assertThatThrownBy(() -> tool.execute(arguments)).isInstanceOf(ToolArgumentException.class).hasMessage(e.getMessage());
            return;
        }
        String out = tool.execute(arguments);
        assertThat(out).isEqualTo(expected);
        assertThat(Double.parseDouble(out)).isFinite();
    }

    /** Integer arithmetic with precedence gives the exact value Java computes. */
    @Property(tries = 1000)
    void integerArithmeticIsExact(@ForAll @IntRange(min = -99, max = 99) int a, @ForAll @IntRange(min = -99, max = 99) int b,
                                  @ForAll @IntRange(min = -99, max = 99) int c,
                                  @ForAll("operators") char first, @ForAll("operators") char second) {
        long expected = second == '*' && first != '*' ? apply(a, first, (long) b * c) : apply(apply(a, first, b), second, c);
        String expression = "(" + a + ") " + first + " (" + b + ") " + second + " (" + c + ")";
        assertThat(Calculator.evaluate(expression)).as(expression).isEqualTo((double) expected);
    }

    private static long apply(long x, char op, long y) {
        return switch (op) {
            case '+' -> x + y;
            case '-' -> x - y;
            default -> x * y;
        };
    }

    @Provide
    Arbitrary<Character> operators() {
        return Arbitraries.of('+', '-', '*');
    }

    private static void check(String input) {
        try {
            double v = Calculator.evaluate(input);
            assertThat(Double.isFinite(v)).as("finite result for %s", input).isTrue();
            assertThat(Double.parseDouble(Calculator.format(v))).isFinite();
        } catch (CalculatorException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    @Provide
    Arbitrary<String> expressionLike() {
        return Arbitraries.strings().withChars("0123456789.+-*/%^(), episqrtabcoglnxmwfd_").ofMaxLength(80);
    }

    @Provide
    Arbitrary<String> codeLike() {
        List<String> pieces = List.of("Runtime.getRuntime().exec(\"id\")", "System.exit(0)", "new java.io.File(\"/\")",
                "Class.forName(\"x\")", "import os", "__import__('os')", "eval(", "${jndi:ldap://x}", "#{1+1}",
                "`id`", "$(id)", "; rm -rf /", "\"", "'", "=", ";", "{", "[", "x.y", "java.lang");
        Arbitrary<String> piece = Arbitraries.of(pieces);
        Arbitrary<String> number = Arbitraries.integers().between(0, 99).map(String::valueOf);
        return Arbitraries.oneOf(piece, number.flatMap(n -> piece.map(p -> n + "+" + p)), piece.list().ofMinSize(1).ofMaxSize(4).map(l -> String.join("", l)));
    }
}
