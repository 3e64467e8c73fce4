package dev.catena.agents.tool.builtin;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class CalculatorTest {

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "1 + 2 * 3; 7",
            "(1 + 2) * 3; 9",
            "2 ^ 3 ^ 2; 512",
            "2 ** 12; 4096",
            "2**3**2 * 2; 1024",
            "-2 ^ 2; -4",
            "(-2) ^ 2; 4",
            "10 % 4; 2",
            "7 / 2; 3.5",
            "--3; 3",
            "-(4 - 6) * +2; 4",
            "sqrt(16) + abs(-3); 7",
            "max(1, 5, 3) - min(4, 2); 3",
            "round(2.5) + floor(2.7) + ceil(2.1); 8",
            "pow(2, 10); 1024",
            "log(1000); 3",
            "1.5e3 + 1_000; 2500",
            "  12   *   12  ; 144"})
    void evaluatesArithmetic(String expression, double expected) {
        assertThat(Calculator.evaluate(expression)).isCloseTo(expected, within(1e-9));
    }

    @Test
    void knowsConstants() {
        assertThat(Calculator.evaluate("2 * pi")).isCloseTo(2 * Math.PI, within(1e-12));
        assertThat(Calculator.evaluate("ln(e)")).isCloseTo(1, within(1e-12));
    }

    @Test
    void formatsIntegersWithoutDecimalPoint() {
        assertThat(Calculator.format(Calculator.evaluate("6 * 7"))).isEqualTo("42");
        assertThat(Calculator.format(Calculator.evaluate("1 / 3"))).isEqualTo("0.333333333333");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "java.lang.Runtime.getRuntime().exec(\"rm -rf /\")",
            "System.exit(0)",
            "this.getClass()",
            "eval('1+1')",
            "x = 5",
            "1; 2"})
    void cannotExecuteCode(String code) {
        assertThatThrownBy(() -> Calculator.evaluate(code)).isInstanceOf(CalculatorException.class)
                .hasMessageContaining("position");
    }

    @Test
    void errorsNameTheProblemAndPosition() {
        assertThatThrownBy(() -> Calculator.evaluate("1 / (2 - 2)")).hasMessageContaining("division by zero at position 3");
        assertThatThrownBy(() -> Calculator.evaluate("(1 + 2")).hasMessageContaining("expected ')' but the expression ended");
        assertThatThrownBy(() -> Calculator.evaluate("1 +")).hasMessageContaining("expression ended");
        assertThatThrownBy(() -> Calculator.evaluate("foo(1)")).hasMessageContaining("unknown name 'foo'").hasMessageContaining("sqrt");
        assertThatThrownBy(() -> Calculator.evaluate("sqrt(-1)")).hasMessageContaining("negative");
        assertThatThrownBy(() -> Calculator.evaluate("pow(2)")).hasMessageContaining("pow takes 2 argument(s), got 1");
        assertThatThrownBy(() -> Calculator.evaluate("10 ^ 400")).hasMessageContaining("not a finite number");
        assertThatThrownBy(() -> Calculator.evaluate(" ")).hasMessageContaining("empty");
    }

    @Test
    void inputIsBounded() {
        assertThatThrownBy(() -> Calculator.evaluate("1+".repeat(600) + "1")).hasMessageContaining("limit is 1000");
        assertThatThrownBy(() -> Calculator.evaluate("(".repeat(200) + "1" + ")".repeat(200))).hasMessageContaining("nested more than 64");
        assertThatThrownBy(() -> Calculator.evaluate("-".repeat(500) + "1")).hasMessageContaining("nested more than 64");
        assertThatThrownBy(() -> Calculator.evaluate("2^".repeat(300) + "2")).hasMessageContaining("nested more than 64");
    }

    @Test
    void toolTakesJsonOrPlainText() {
        CalculatorTool tool = new CalculatorTool();
        assertThat(tool.execute("{\"expression\": \"(2 + 3) * 4\"}")).isEqualTo("20");
        assertThat(tool.execute("17 * 3")).isEqualTo("51");
        assertThat(tool.specification().parameters().required()).containsExactly("expression");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1 + 2 * 3", "2 ^ 3 ^ 2", "2^12", "37*91", "-(4 - 6) * 2", "sqrt(16) + abs(-3)", "max(1, 5, 3) - min(4, 2)",
            "round(2.5) + floor(2.7) + ceil(2.1)", "2 * pi", "240 * 15 / 100", "10 % 4", "2 ** 10", "sqrt(1764)", "(45 + 55) * 12",
            "sqrt((1 + 2) * 3)", "250 / 8.5", "1764^(-1)"})
    void thePatternOfTheToolsSchemaAdmitsCalculationsTheCalculatorReads(String expression) {
        assertThat(expression).matches(Calculator.EXPRESSION);
        Calculator.evaluate(expression);
    }

    @ParameterizedTest
    @ValueSource(strings = {"37 multiplied by 91", "what is 2 + 2", "2 + 2 = 4", "", "x * 3", "\"2\"", ".37 * 91", " 2", "* 3",
            "98765", "98765.00", "-5", "pi", "98765.00, ", "+ 5678", "1 +", "(1 + 2", "2  *  3", "1.5e3 + 1", "1234567890123456 + 1",
            "sqrt(sqrt(sqrt(2)))"})
    void thePatternOfTheToolsSchemaRefusesWordsBareNumbersAndBrokenExpressions(String text) {
        assertThat(text).doesNotMatch(Calculator.EXPRESSION);
    }

    @Test
    void theToolsSchemaCarriesThePattern() throws Exception {
        var schema = dev.langchain4j.internal.JsonSchemaElementUtils.toMap(new CalculatorTool().specification().parameters());
        String json = dev.catena.agents.tool.ToolArguments.JSON.writeValueAsString(schema);
        var expression = dev.catena.agents.tool.ToolArguments.JSON.readTree(json).at("/properties/expression");
        assertThat(expression.get("type").asText()).isEqualTo("string");
        assertThat(expression.get("pattern").asText()).isEqualTo(Calculator.EXPRESSION);
    }
}
