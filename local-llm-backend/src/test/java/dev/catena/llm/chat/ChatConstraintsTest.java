package dev.catena.llm.chat;

import dev.catena.llm.constraint.grammar.Grammar;
import dev.catena.llm.constraint.schema.UnsupportedSchemaException;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.ToolChoice;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonRawSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.catena.llm.constraint.Automata.matches;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChatConstraintsTest {

    private static final ToolSpecification ADD = ToolSpecification.builder().name("add")
            .parameters(JsonObjectSchema.builder().addIntegerProperty("a").addIntegerProperty("b").required("a", "b")
                    .build()).build();
    private static final ToolSpecification NOW = ToolSpecification.builder().name("now").build();

    private static Grammar grammar(ChatRequest.Builder b, List<ToolSpecification> tools) {
        ChatRequest r = b.messages(UserMessage.from("hi")).build();
        return ChatConstraints.grammar(ChatConstraints.key(r, tools));
    }

    @Test
    void noFormatAndNoToolsConstrainNothing() {
        assertThat(ChatConstraints.key(ChatRequest.builder().messages(UserMessage.from("hi")).build(), List.of())).isNull();
    }

    @Test
    void toolCallsNameADeclaredToolWithValidArgumentsOrTheReplyIsText() {
        Grammar g = grammar(ChatRequest.builder().toolSpecifications(ADD, NOW), List.of(ADD, NOW));
        assertThat(matches(g, "{\"name\": \"add\", \"arguments\": {\"a\": 1, \"b\": 2}}")).isTrue();
        assertThat(matches(g, "<tool_call>\n{\"name\":\"now\",\"arguments\":{}}\n</tool_call>")).isTrue();
        assertThat(matches(g, "The answer is 3.")).isTrue();
        assertThat(matches(g, "{\"name\": \"sub\", \"arguments\": {\"a\": 1, \"b\": 2}}")).isFalse();
        assertThat(matches(g, "{\"name\": \"add\", \"arguments\": {\"a\": 1}}")).isFalse();
        assertThat(matches(g, "{\"name\": \"add\", \"arguments\": {\"a\": \"1\", \"b\": 2}}")).isFalse();
        assertThat(matches(g, "{not a call")).isFalse();
    }

    @Test
    void aRequiredToolChoiceAllowsOnlyCalls() {
        Grammar g = grammar(ChatRequest.builder().toolSpecifications(ADD).toolChoice(ToolChoice.REQUIRED), List.of(ADD));
        assertThat(matches(g, "{\"name\": \"add\", \"arguments\": {\"a\": 1, \"b\": 2}}")).isTrue();
        assertThat(matches(g, "The answer is 3.")).isFalse();
    }

    @Test
    void responseFormatSchemaFromLangChain4jTypes() {
        ResponseFormat format = ResponseFormat.builder().type(ResponseFormatType.JSON).jsonSchema(JsonSchema.builder()
                .name("n").rootElement(JsonObjectSchema.builder().addProperty("n", JsonIntegerSchema.builder().build())
                        .required("n").build()).build()).build();
        Grammar g = grammar(ChatRequest.builder().responseFormat(format), List.of());
        assertThat(matches(g, "{\"n\": 5}")).isTrue();
        assertThat(matches(g, "{\"n\": \"5\"}")).isFalse();
        assertThat(matches(g, "5")).isFalse();
    }

    @Test
    void anUnsupportedSchemaIsRefusedNamingKeywordAndPath() {
        ResponseFormat format = ResponseFormat.builder().type(ResponseFormatType.JSON).jsonSchema(JsonSchema.builder()
                .name("n").rootElement(JsonRawSchema.from("{\"type\": \"object\", \"properties\": {\"x\": "
                        + "{\"type\": \"integer\", \"multipleOf\": 3}}}")).build()).build();
        assertThatThrownBy(() -> grammar(ChatRequest.builder().responseFormat(format), List.of()))
                .isInstanceOf(UnsupportedSchemaException.class)
                .hasMessage("unsupported JSON Schema keyword 'multipleOf' at /properties/x");
    }
}
