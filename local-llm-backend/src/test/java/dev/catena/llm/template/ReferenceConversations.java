package dev.catena.llm.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The conversations of {@code src/test/resources/template/conversations.json} as LangChain4j messages, the
 * tools as {@link ToolSpecification}s, and the renderings {@code make_expected.py} stored from Python jinja2.
 */
final class ReferenceConversations {

    static final Path DIR = Path.of("src/test/resources/template");
    /** The instant make_expected.py gives strftime_now. */
    static final Clock FIXED_CLOCK = Clock.fixed(LocalDateTime.of(2025, 3, 14, 15, 9, 26).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);

    private static final ObjectMapper JSON = new ObjectMapper();

    private ReferenceConversations() {
    }

    record Template(String name, Path file, String bos, String eos) {
        JinjaChatTemplate build() {
            try {
                return JinjaChatTemplate.builder(name, Files.readString(file)).bosToken(bos).eosToken(eos).clock(FIXED_CLOCK).build();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    record Conversation(String name, List<ChatMessage> messages, boolean tools, List<Boolean> generationPrompts) {
    }

    /**
     * One expected rendering: the output, or the message of the exception the template raised, or the error
     * Python itself raised on a template bug (e.g. iterating {@code None}).
     */
    record Expected(String output, String error, String pythonError) {
    }

    static JsonNode spec() {
        return read(DIR.resolve("conversations.json"));
    }

    static JsonNode expected() {
        return read(DIR.resolve("expected.json"));
    }

    private static JsonNode read(Path p) {
        try {
            return JSON.readTree(p.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Template> templates() {
        List<Template> out = new ArrayList<>();
        spec().get("templates").properties().forEach(e -> out.add(new Template(e.getKey(), Path.of(e.getValue().get("file").asText()),
                e.getValue().get("bos_token").asText(), e.getValue().get("eos_token").asText())));
        return out;
    }

    static List<Conversation> conversations() {
        List<Conversation> out = new ArrayList<>();
        for (JsonNode c : spec().get("conversations")) {
            List<ChatMessage> messages = new ArrayList<>();
            for (JsonNode m : c.get("messages")) {
                messages.add(message(m));
            }
            List<Boolean> prompts = new ArrayList<>();
            c.get("add_generation_prompt").forEach(b -> prompts.add(b.asBoolean()));
            out.add(new Conversation(c.get("name").asText(), messages, c.path("tools").asBoolean(false), prompts));
        }
        return out;
    }

    /** A Hugging Face message as LangChain4j's: tool-call arguments become their JSON text. */
    static ChatMessage message(JsonNode m) {
        String content = m.get("content").asText();
        return switch (m.get("role").asText()) {
            case "system" -> SystemMessage.from(content);
            case "user" -> UserMessage.from(content);
            case "assistant" -> {
                if (!m.has("tool_calls")) {
                    yield AiMessage.from(content);
                }
                List<ToolExecutionRequest> calls = new ArrayList<>();
                for (JsonNode call : m.get("tool_calls")) {
                    calls.add(ToolExecutionRequest.builder().id(call.get("id").asText())
                            .name(call.get("function").get("name").asText())
                            .arguments(call.get("function").get("arguments").toString()).build());
                }
                yield content.isEmpty() ? AiMessage.from(calls) : AiMessage.from(content, calls);
            }
            case "tool" -> ToolExecutionResultMessage.from(m.get("tool_call_id").asText(), m.get("name").asText(), content);
            default -> throw new IllegalArgumentException("unknown role in conversations.json: " + m);
        };
    }

    /** The tools of the reference conversations, whose OpenAI form is {@code tools} in conversations.json. */
    static List<ToolSpecification> tools() {
        return List.of(
                ToolSpecification.builder().name("get_weather").description("Current weather of a city")
                        .parameters(JsonObjectSchema.builder()
                                .addStringProperty("location", "City name, e.g. Paris")
                                .addEnumProperty("unit", List.of("celsius", "fahrenheit"))
                                .required("location").build()).build(),
                ToolSpecification.builder().name("add").description("Adds two integers")
                        .parameters(JsonObjectSchema.builder()
                                .addIntegerProperty("a").addIntegerProperty("b", "second addend")
                                .required("a", "b").build()).build());
    }

    static String key(Template t, Conversation c, boolean prompt) {
        return t.name() + "|" + c.name() + "|" + prompt;
    }

    static Expected expectedFor(String key) {
        JsonNode e = expected().get(key);
        if (e == null) {
            throw new IllegalStateException("expected.json has no entry " + key + "; rerun make_expected.py");
        }
        return new Expected(e.has("output") ? e.get("output").asText() : null, e.has("error") ? e.get("error").asText() : null,
                e.has("python_error") ? e.get("python_error").asText() : null);
    }
}
