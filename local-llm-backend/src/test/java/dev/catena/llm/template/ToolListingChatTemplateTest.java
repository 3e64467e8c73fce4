package dev.catena.llm.template;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Tools reach the prompt whether or not the model's template has a tools section. */
class ToolListingChatTemplateTest {

    /** ChatML as SmolLM2 ships it: no tools section. */
    private static final ChatTemplate CHATML = JinjaChatTemplate.of("chatml", """
            {% for message in messages %}{{ '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n' }}{% endfor %}\
            {% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}""", "", "<|im_end|>");

    /** A template that renders the tools itself (as Qwen's does). */
    private static final ChatTemplate WITH_TOOLS = JinjaChatTemplate.of("tools", """
            {% if tools %}<tools>{% for t in tools %}{{ t['function']['name'] }};{% endfor %}</tools>{% endif %}\
            {% for message in messages %}[{{ message['role'] }}] {{ message['content'] }}
            {% endfor %}""", "", "");

    private static final ToolSpecification WEATHER = ToolSpecification.builder().name("weather")
            .description("Today's weather in a city")
            .parameters(JsonObjectSchema.builder().addStringProperty("city").required("city").build()).build();

    @Test
    void aTemplateWithoutAToolsSectionGetsTheToolsInItsSystemMessage() {
        ChatTemplate t = ToolListingChatTemplate.of(CHATML);
        String prompt = t.render(List.of(SystemMessage.from("Be brief."), UserMessage.from("Weather in Oslo?")), List.of(WEATHER), true);
        assertThat(prompt).startsWith("<|im_start|>system\nBe brief.\n\nYou are a function calling AI model.")
                .contains("<tools>\n{\"type\":\"function\",\"function\":{\"name\":\"weather\"", "Today's weather in a city",
                        "\"required\":[\"city\"]", "<tool_call>\n{\"name\": <function-name>, \"arguments\": <args-dict>}\n</tool_call>")
                .endsWith("<|im_start|>user\nWeather in Oslo?<|im_end|>\n<|im_start|>assistant\n");
        assertThat(t.render(List.of(UserMessage.from("hi")), List.of(WEATHER), true))
                .as("no system message: one is added").startsWith("<|im_start|>system\nYou are a function calling AI model.");
    }

    @Test
    void withoutToolsOrWithATemplateThatRendersThemNothingChanges() {
        List<dev.langchain4j.data.message.ChatMessage> messages = List.of(UserMessage.from("Weather in Oslo?"));
        assertThat(ToolListingChatTemplate.of(CHATML).render(messages, List.of(), true)).isEqualTo(CHATML.render(messages, List.of(), true));
        assertThat(ToolListingChatTemplate.of(WITH_TOOLS).render(messages, List.of(WEATHER), true))
                .isEqualTo(WITH_TOOLS.render(messages, List.of(WEATHER), true)).startsWith("<tools>weather;</tools>")
                .doesNotContain("function calling");
        ChatTemplate once = ToolListingChatTemplate.of(CHATML);
        assertThat(ToolListingChatTemplate.of(once)).isSameAs(once);
    }
}
