package dev.catena.llm.template.fuzz;

import dev.catena.llm.template.ChatTemplateException;
import dev.catena.llm.template.JinjaChatTemplate;
import dev.catena.llm.template.TemplateLimits;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * Fuzz target: arbitrary template text (untrusted, as in a model file) rendered against a fixed conversation
 * with a tool call, tools and both generation-prompt settings. Only {@link ChatTemplateException} may escape;
 * limits are tightened so that no input can hang or exhaust memory within the fuzzer's per-input timeout.
 */
public final class ChatTemplateFuzzer {

    private static final TemplateLimits LIMITS = new TemplateLimits(200_000, 200_000, Duration.ofSeconds(2), 32, 10_000);

    private static final List<ChatMessage> CONVERSATION = List.of(
            SystemMessage.from("You are helpful."),
            UserMessage.from("Weather in Paris?"),
            AiMessage.from(List.of(ToolExecutionRequest.builder().id("call0001a").name("get_weather").arguments("{\"location\":\"Paris\"}").build())),
            ToolExecutionResultMessage.from("call0001a", "get_weather", "{\"t\": 21.5}"),
            AiMessage.from("Sunny, 21.5 °C."),
            UserMessage.from("Merci ! 🌍"));

    private static final List<ToolSpecification> TOOLS = List.of(ToolSpecification.builder().name("get_weather")
            .description("Weather").parameters(JsonObjectSchema.builder().addStringProperty("location").required("location").build()).build());

    private ChatTemplateFuzzer() {
    }

    /** Builds the engine and renders once before fuzzing, so class loading is not charged to the first input. */
    public static void fuzzerInitialize() {
        fuzzerTestOneInput("{{ bos_token }}{% for m in messages %}{{ m.content.strip() }}{% endfor %}".getBytes(StandardCharsets.UTF_8));
    }

    public static void fuzzerTestOneInput(byte[] data) {
        String template = new String(data, StandardCharsets.UTF_8);
        JinjaChatTemplate t;
        try {
            t = JinjaChatTemplate.builder("fuzz input", template).bosToken("<s>").eosToken("</s>").limits(LIMITS).build();
        } catch (ChatTemplateException expected) {
            return;
        }
        for (boolean prompt : new boolean[] {true, false}) {
            try {
                t.render(CONVERSATION, prompt ? TOOLS : List.of(), prompt);
            } catch (ChatTemplateException expected) {
                // documented: the template does not parse, raises, or hits a sandbox limit
            }
        }
        t.stopStrings();
    }
}
