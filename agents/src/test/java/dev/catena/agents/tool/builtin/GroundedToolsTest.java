package dev.catena.agents.tool.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.catena.agents.tool.ToolArguments;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.internal.JsonSchemaElementUtils;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The calculator and http_get held to what a run has seen: its numbers, its URLs on allowed hosts. */
class GroundedToolsTest {

    private static JsonNode schemaOf(ToolSpecification spec, String property) {
        return ToolArguments.JSON.valueToTree(JsonSchemaElementUtils.toMap(spec.parameters())).at("/properties/" + property);
    }

    @Test
    void theNumbersOfATextAreFoundOnceEachAsTheCalculatorWritesThem() {
        assertThat(Calculator.numbersIn("What is 98765 divided by 5?")).containsExactly("98765", "5");
        assertThat(Calculator.numbersIn("1,234.5 visitors, 1.2 metres, 12 and 12 again; open 10:00-18:00."))
                .containsExactly("1234.5", "1.2", "12", "10", "00", "18");
        assertThat(Calculator.numbersIn("How wide is the lens of the Great Refractor?")).isEmpty();
        assertThat(Calculator.numbersIn("a 16-digit 1234567890123456 number")).containsExactly("16");
    }

    @Test
    void aGroundedExpressionUsesOnlyTheNumbersRead() {
        String pattern = Calculator.expressionOver(List.of("98765", "5", "1.2"), false);

        assertThat("98765 / 5").matches(pattern);
        assertThat("sqrt(98765) * 1.2").matches(pattern);
        assertThat("(98765 - 5) * 5").matches(pattern);
        assertThat("98765.000000000000000 / 5").doesNotMatch(pattern);
        assertThat("12 * 7").doesNotMatch(pattern);
        assertThat("98765 / 55").doesNotMatch(pattern);
        assertThat("1x2 + 5").doesNotMatch(pattern);
        assertThat("pi * 5").doesNotMatch(pattern);
        assertThat("98765").as("a bare number is still no calculation").doesNotMatch(pattern);
        assertThat("pi * 5").matches(Calculator.expressionOver(List.of("5"), true));
        assertThatThrownBy(() -> Calculator.expressionOver(List.of(), false)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theCalculatorIsGroundedInTheNumbersItHasSeenAndNotOfferedWithoutAny() {
        CalculatorTool calculator = new CalculatorTool();

        assertThat(calculator.groundedIn("How wide is the lens of the Great Refractor?")).isEmpty();
        ToolSpecification spec = calculator.groundedIn("What is 15 percent of 240?").orElseThrow();
        assertThat(spec.name()).isEqualTo("calculator");
        assertThat(spec.description()).isEqualTo(calculator.specification().description());
        String pattern = schemaOf(spec, "expression").get("pattern").asText();
        assertThat("15 / 100 * 240").doesNotMatch(pattern);
        assertThat("15 * 240").matches(pattern);
        assertThat(calculator.groundedIn("the area of a circle of radius 2 is pi r^2").orElseThrow().parameters().toString())
                .contains("|pi)");
        assertThat(calculator.execute("{\"expression\": \"12 * 7\"}")).as("running it is not restricted").isEqualTo("84");
    }

    @Test
    void httpGetIsGroundedInTheAllowedUrlsItHasSeen() {
        HttpGetTool http = HttpGetTool.builder().allowHost("localhost").allowHost("*.example.org").build();
        String seen = "Status: http://localhost:8080/status. Docs at https://docs.example.org/a?b=1, "
                + "mirror at https://evil.example/x and (http://localhost:8080/status) again.";

        ToolSpecification spec = http.groundedIn(seen).orElseThrow();

        JsonNode url = schemaOf(spec, "url");
        assertThat(url.get("enum")).extracting(JsonNode::asText)
                .containsExactly("http://localhost:8080/status", "https://docs.example.org/a?b=1");
        assertThat(http.groundedIn("When was the Great Refractor built?")).isEmpty();
        assertThat(http.groundedIn("see https://evil.example/status")).as("a host the allow-list refuses").isEmpty();
    }
}
