package dev.catena.core.prompt;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PromptTemplatesTest {

    @Test
    void bracesTemplateFormatsAndEscapes() {
        PromptTemplate t = PromptTemplate.of("Tell me a {adjective} joke about {topic}. JSON: {{\"k\": 1}}");
        assertThat(t.inputVariables()).containsExactlyInAnyOrder("adjective", "topic");
        assertThat(t.format(Map.of("adjective", "funny", "topic", "cats", "unused", "x")))
                .isEqualTo("Tell me a funny joke about cats. JSON: {\"k\": 1}");
        assertThat(t.invoke(Map.of("adjective", "dry", "topic", "dogs")).toText()).startsWith("Tell me a dry joke about dogs.");
    }

    @Test
    void missingValueAtFormatNamesTheVariable() {
        PromptTemplate t = PromptTemplate.of("Hi {name}, you are {age}");
        assertThatThrownBy(() -> t.format(Map.of("name", "Ada")))
                .isInstanceOf(TemplateException.class).hasMessageContaining("'age'");
    }

    @Test
    void declaredVariablesAreValidatedWhenBuilt() {
        assertThatThrownBy(() -> PromptTemplate.builder().template("Hi {name} from {city}").inputVariables("name").build())
                .isInstanceOf(TemplateException.class).hasMessageContaining("[city]").hasMessageContaining("not declared");
        assertThatThrownBy(() -> PromptTemplate.builder().template("Hi {name}").inputVariables("name", "age").build())
                .isInstanceOf(TemplateException.class).hasMessageContaining("[age]").hasMessageContaining("does not use");
        assertThatThrownBy(() -> PromptTemplate.builder().template("Hi {name}").partial("mood", "happy").build())
                .isInstanceOf(TemplateException.class).hasMessageContaining("[mood]");
    }

    @Test
    void malformedBracesAreReportedWithPosition() {
        assertThatThrownBy(() -> PromptTemplate.of("Hi {name"))
                .isInstanceOf(TemplateException.class).hasMessageContaining("Unclosed '{' at position 3");
        assertThatThrownBy(() -> PromptTemplate.of("a } b"))
                .isInstanceOf(TemplateException.class).hasMessageContaining("position 2");
        assertThatThrownBy(() -> PromptTemplate.of("{not valid}"))
                .isInstanceOf(TemplateException.class).hasMessageContaining("Invalid variable name");
    }

    @Test
    void partialValuesAndSuppliers() {
        AtomicInteger calls = new AtomicInteger();
        PromptTemplate t = PromptTemplate.builder().template("{date}: {greeting} {name}")
                .partial("date", (java.util.function.Supplier<String>) () -> "day" + calls.incrementAndGet())
                .build()
                .partial("greeting", "Hello");

        assertThat(t.inputVariables()).containsExactly("name");
        assertThat(t.format(Map.of("name", "Ada"))).isEqualTo("day1: Hello Ada");
        assertThat(t.format(Map.of("name", "Bob"))).isEqualTo("day2: Hello Bob");
        assertThatThrownBy(() -> t.partial("nope", 1)).isInstanceOf(TemplateException.class).hasMessageContaining("'nope'");
    }

    @Test
    void mustacheTemplatesDoNotEscapeHtml() {
        PromptTemplate t = PromptTemplate.of("Q: {{question}} {{#tags}}#{{.}} {{/tags}}", TemplateFormat.MUSTACHE);
        assertThat(t.inputVariables()).containsExactlyInAnyOrder("question", "tags");
        assertThat(t.format(Map.of("question", "is 1 < 2 & 3 > 2?", "tags", List.of("math", "logic"))))
                .isEqualTo("Q: is 1 < 2 & 3 > 2? #math #logic ");
        assertThatThrownBy(() -> t.format(Map.of("question", "x"))).hasMessageContaining("'tags'");
    }

    @Test
    void loadsTemplatesFromFilesAndClasspath(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("ask.txt");
        Files.writeString(file, "Answer {question}");
        assertThat(PromptTemplate.fromFile(file).format(Map.of("question", "why"))).isEqualTo("Answer why");

        assertThat(PromptTemplate.fromClasspath("prompts/summary.txt").inputVariables()).containsExactlyInAnyOrder("text", "n");
        PromptTemplate greeting = PromptTemplate.fromClasspath("prompts/greeting.mustache");
        assertThat(greeting.template().format()).isEqualTo(TemplateFormat.MUSTACHE);
        assertThat(greeting.format(Map.of("name", "Ada", "items", List.of("a", "b")))).isEqualTo("Hello Ada! [a] [b]");

        assertThatThrownBy(() -> PromptTemplate.fromFile(dir.resolve("missing.txt")))
                .isInstanceOf(TemplateException.class).hasMessageContaining("missing.txt");
        assertThatThrownBy(() -> PromptTemplate.fromClasspath("prompts/nope.txt"))
                .isInstanceOf(TemplateException.class).hasMessageContaining("prompts/nope.txt");
        Path bad = dir.resolve("bad.txt");
        Files.writeString(bad, "oops {");
        assertThatThrownBy(() -> PromptTemplate.fromFile(bad)).hasMessageContaining("bad.txt");
    }

    @Test
    void chatTemplateWithHistoryPlaceholder() {
        ChatPromptTemplate t = ChatPromptTemplate.builder()
                .system("You speak {language}.")
                .placeholder("history")
                .user("{question}")
                .build();
        assertThat(t.inputVariables()).containsExactlyInAnyOrder("language", "history", "question");

        List<ChatMessage> history = List.of(UserMessage.from("hi"), AiMessage.from("hello"));
        List<ChatMessage> messages = t.invoke(Map.of("language", "French", "history", history, "question", "ça va?")).toMessages();

        assertThat(messages).containsExactly(SystemMessage.from("You speak French."), UserMessage.from("hi"),
                AiMessage.from("hello"), UserMessage.from("ça va?"));
        assertThat(t.invoke(Map.of("language", "French", "history", history, "question", "?")).toText())
                .isEqualTo("System: You speak French.\nHuman: hi\nAI: hello\nHuman: ?");
    }

    @Test
    void chatTemplateErrors() {
        ChatPromptTemplate t = ChatPromptTemplate.builder().placeholder("history").optionalPlaceholder("extra").user("{q}").build();
        assertThat(t.formatMessages(Map.of("history", List.of(), "q", "x"))).containsExactly(UserMessage.from("x"));
        assertThatThrownBy(() -> t.formatMessages(Map.of("q", "x"))).hasMessageContaining("'history'");
        assertThatThrownBy(() -> t.formatMessages(Map.of("history", "not messages", "q", "x")))
                .hasMessageContaining("'history'").hasMessageContaining("java.lang.String");
        assertThatThrownBy(() -> ChatPromptTemplate.builder().message("robot", "x"))
                .isInstanceOf(TemplateException.class).hasMessageContaining("robot");
        assertThatThrownBy(() -> ChatPromptTemplate.builder().user("{a} {b}").inputVariables("a").build())
                .hasMessageContaining("[b]");
    }

    @Test
    void chatTemplateWithMustacheAndPartial() {
        ChatPromptTemplate t = ChatPromptTemplate.builder().format(TemplateFormat.MUSTACHE)
                .system("Today is {{today}}").user("{{q}}").partial("today", "Monday").build();
        assertThat(t.inputVariables()).containsExactly("q");
        assertThat(t.formatMessages(Map.of("q", "what day?")).getFirst()).isEqualTo(SystemMessage.from("Today is Monday"));
    }

    static final List<Map<String, String>> EXAMPLES = List.of(
            Map.of("input", "happy", "output", "sad"),
            Map.of("input", "tall", "output", "short"),
            Map.of("input", "sunny weather today", "output", "gloomy weather today"));

    @Test
    void fewShotWithFixedExamples() {
        FewShotPromptTemplate t = FewShotPromptTemplate.builder()
                .prefix("Give the antonym.")
                .examplePrompt("Input: {input}\nOutput: {output}")
                .examples(EXAMPLES.subList(0, 2))
                .suffix("Input: {adjective}\nOutput:")
                .build();

        assertThat(t.inputVariables()).containsExactly("adjective");
        assertThat(t.format(Map.of("adjective", "big"))).isEqualTo(
                "Give the antonym.\n\nInput: happy\nOutput: sad\n\nInput: tall\nOutput: short\n\nInput: big\nOutput:");
    }

    @Test
    void maxLengthSelectorStopsWhenTheBudgetIsUsed() {
        PromptTemplate example = PromptTemplate.of("Input: {input}\nOutput: {output}");
        MaxLengthExampleSelector selector = new MaxLengthExampleSelector(EXAMPLES, example, 9);
        // each short example is 4 words; the input takes 1
        assertThat(selector.select(Map.of("adjective", "big"))).hasSize(2);
        assertThat(selector.select(Map.of("adjective", "a very long input indeed"))).hasSize(1);
        assertThat(selector.select(Map.of("adjective", "one two three four five six seven eight nine"))).isEmpty();
    }

    @Test
    void semanticSelectorPicksTheMostSimilarExamples() {
        SemanticSimilarityExampleSelector selector =
                new SemanticSimilarityExampleSelector(EXAMPLES, new LetterCountEmbeddingModel(), List.of("input"), 1);
        assertThat(selector.select(Map.of("input", "sunny day"))).containsExactly(Map.of("input", "sunny weather today", "output", "gloomy weather today"));
        assertThat(selector.select(Map.of("input", "hapy"))).containsExactly(Map.of("input", "happy", "output", "sad"));
        assertThatThrownBy(() -> selector.select(Map.of("other", "x"))).hasMessageContaining("'input'");
        assertThatThrownBy(() -> new SemanticSimilarityExampleSelector(EXAMPLES, new LetterCountEmbeddingModel(), List.of("nope"), 1))
                .hasMessageContaining("'nope'");
    }

    /** Embeds text as its letter histogram: similar spellings are near each other. */
    static final class LetterCountEmbeddingModel implements EmbeddingModel {
        @Override
        public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
            return Response.from(segments.stream().map(s -> {
                float[] v = new float[26];
                for (char c : s.text().toLowerCase().toCharArray()) if (c >= 'a' && c <= 'z') v[c - 'a']++;
                return Embedding.from(v);
            }).toList());
        }
    }
}
