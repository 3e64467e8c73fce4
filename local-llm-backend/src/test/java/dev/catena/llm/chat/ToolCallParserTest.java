package dev.catena.llm.chat;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ToolCallParserTest {

    @Test
    void parsesTaggedCalls() {
        List<ToolExecutionRequest> calls = ToolCallParser.parse(
                "ok <tool_call>{\"name\": \"weather\", \"arguments\": {\"city\": \"Paris\"}}</tool_call>"
                        + "<tool_call>{\"name\":\"time\",\"arguments\":{}}</tool_call>");
        assertThat(calls).extracting(ToolExecutionRequest::name).containsExactly("weather", "time");
        assertThat(calls.getFirst().arguments()).isEqualTo("{\"city\":\"Paris\"}");
    }

    @Test
    void parsesABareJsonCallWithParameters() {
        List<ToolExecutionRequest> calls = ToolCallParser.parse("```json\n{\"name\": \"sum\", \"parameters\": {\"a\": 1}}\n```");
        assertThat(calls).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo("sum");
            assertThat(c.arguments()).isEqualTo("{\"a\":1}");
        });
    }

    @Test
    void plainTextAndOtherJsonAreNotCalls() {
        assertThat(ToolCallParser.parse("The answer is 4.")).isEmpty();
        assertThat(ToolCallParser.parse("{\"answer\": 4}")).isEmpty();
        assertThat(ToolCallParser.parse("<tool_call>{broken</tool_call>")).isEmpty();
    }
}
