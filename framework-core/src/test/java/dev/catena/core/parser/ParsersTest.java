package dev.catena.core.parser;

import com.fasterxml.jackson.databind.JsonNode;
import dev.catena.core.model.ChatModelRunnable;
import dev.catena.core.runnable.RunStream;
import dev.catena.core.runnable.Runnable;
import dev.catena.core.support.FakeChatModel;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.StreamingChatModel;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ParsersTest {

    record Person(String name, int age, List<String> hobbies) {}

    enum Sentiment { POSITIVE, NEGATIVE, VERY_GOOD }

    @Test
    void stringParserReadsStringsAndAiMessages() {
        assertThat(StringOutputParser.create().invoke("hi")).isEqualTo("hi");
        assertThat(StringOutputParser.create().invoke(AiMessage.from("hello"))).isEqualTo("hello");
        assertThatThrownBy(() -> StringOutputParser.create().invoke(42))
                .isInstanceOf(OutputParserException.class).hasMessageContaining("java.lang.Integer");
    }

    @Test
    void jsonParserToleratesFencesAndProse() {
        JsonNode node = JsonOutputParser.create().parse("Sure! Here it is:\n```json\n{\"a\": [1, 2]}\n```\nAnything else?");
        assertThat(node.get("a").get(1).asInt()).isEqualTo(2);
        assertThat(JsonOutputParser.create().parse("  [true, null] ").size()).isEqualTo(2);
    }

    @Test
    void jsonParserFailureCarriesRawTextAndReason() {
        String raw = "{\"a\": 1,, }";
        assertThatThrownBy(() -> JsonOutputParser.create().parse(raw))
                .isInstanceOfSatisfying(OutputParserException.class, e -> {
                    assertThat(e.rawText()).isEqualTo(raw);
                    assertThat(e.reason()).startsWith("invalid JSON").contains("line 1");
                });
        assertThatThrownBy(() -> JsonOutputParser.create().parse("no json here"))
                .isInstanceOf(OutputParserException.class);
    }

    @Test
    void jsonParserStreamsPartialSnapshots() {
        RunStream<Object> tokens = RunStream.of("```json\n{\"name\": \"Jo", "hn\", \"tags\": [\"a\"", ", \"b\"]", ", \"age\": 4", "2}\n```");
        List<JsonNode> snapshots = JsonOutputParser.create().transform(tokens, dev.catena.core.runnable.RunConfig.defaults()).toList();

        assertThat(snapshots.getFirst().get("name").asText()).isEqualTo("Jo");
        assertThat(snapshots).anyMatch(s -> s.has("tags") && s.get("tags").size() == 1);
        JsonNode last = snapshots.getLast();
        assertThat(last.get("name").asText()).isEqualTo("John");
        assertThat(last.get("age").asInt()).isEqualTo(42);
        assertThat(last.get("tags").size()).isEqualTo(2);
        assertThat(snapshots).doesNotHaveDuplicates();
    }

    @Test
    void partialJsonDropsUnfinishedTokens() {
        assertThat(JsonText.parsePartial("{\"a\": tr")).hasValueSatisfying(n -> assertThat(n.has("a")).isFalse());
        assertThat(JsonText.parsePartial("[1, 2,")).hasValueSatisfying(n -> assertThat(n.size()).isEqualTo(2));
        assertThat(JsonText.parsePartial("{\"q\": \"say \\\"hi")).hasValueSatisfying(n -> assertThat(n.get("q").asText()).isEqualTo("say \"hi"));
        assertThat(JsonText.parsePartial("hello")).isEmpty();
    }

    @Test
    void structuredParserBuildsRecordsAndPutsSchemaInInstructions() {
        StructuredOutputParser<Person> parser = StructuredOutputParser.of(Person.class);

        assertThat(parser.formatInstructions()).contains("JSON Schema").contains("\"name\"").contains("\"age\"").contains("\"hobbies\"");
        assertThat(parser.jsonSchema()).contains("\"type\":\"object\"");
        Person p = parser.parse("```\n{\"name\":\"Ada\",\"age\":36,\"hobbies\":[\"math\"]}\n```");
        assertThat(p).isEqualTo(new Person("Ada", 36, List.of("math")));
    }

    @Test
    void structuredParserNamesTheBadField() {
        StructuredOutputParser<Person> parser = StructuredOutputParser.of(Person.class);
        assertThatThrownBy(() -> parser.parse("{\"name\":\"Ada\",\"age\":\"old\"}"))
                .isInstanceOfSatisfying(OutputParserException.class, e -> assertThat(e.reason()).contains("'age'"));
        assertThatThrownBy(() -> parser.parse("{\"name\":\"Ada\",\"age\":3,\"extra\":1}"))
                .isInstanceOfSatisfying(OutputParserException.class, e -> assertThat(e.reason()).contains("extra"));
    }

    @Test
    void listParsers() {
        assertThat(ListOutputParser.csv().parse(" red, green ,blue,")).containsExactly("red", "green", "blue");
        assertThat(ListOutputParser.lines().parse("1. one\n- two\n* three\n\n")).containsExactly("one", "two", "three");
        assertThat(ListOutputParser.csv().formatInstructions()).contains("comma-separated");
    }

    @Test
    void listParserStreamsEachCompletedItem() {
        RunStream<Object> tokens = RunStream.of("red, gr", "een, ", "blue");
        List<List<String>> out = ListOutputParser.csv().transform(tokens, dev.catena.core.runnable.RunConfig.defaults()).toList();
        assertThat(out).containsExactly(List.of("red"), List.of("red", "green"), List.of("red", "green", "blue"));
    }

    @Test
    void enumParser() {
        EnumOutputParser<Sentiment> parser = EnumOutputParser.of(Sentiment.class);
        assertThat(parser.parse(" positive.")).isEqualTo(Sentiment.POSITIVE);
        assertThat(parser.parse("\"Very good\"")).isEqualTo(Sentiment.VERY_GOOD);
        assertThatThrownBy(() -> parser.parse("meh"))
                .isInstanceOf(OutputParserException.class).hasMessageContaining("POSITIVE, NEGATIVE, VERY_GOOD").hasMessageContaining("meh");
    }

    @Test
    void booleanParser() {
        BooleanOutputParser parser = BooleanOutputParser.create();
        assertThat(parser.parse("YES.")).isTrue();
        assertThat(parser.parse(" false ")).isFalse();
        assertThatThrownBy(() -> parser.parse("maybe")).isInstanceOf(OutputParserException.class).hasMessageContaining("maybe");
    }

    @Test
    void regexParser() {
        RegexOutputParser parser = RegexOutputParser.of("Answer: (?<answer>\\w+)(?: because (?<why>.*))?");
        assertThat(parser.parse("Thinking... Answer: 42 because maths")).containsEntry("answer", "42").containsEntry("why", "maths");
        assertThat(parser.parse("Answer: yes")).containsEntry("why", "");
        assertThatThrownBy(() -> parser.parse("no idea")).isInstanceOf(OutputParserException.class).hasMessageContaining("Answer:");
        assertThatThrownBy(() -> RegexOutputParser.of("(\\d+)")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void retryParserReAsksWithTheErrorAndSucceeds() {
        FakeChatModel model = FakeChatModel.replies("{\"name\":\"Ada\",\"age\":36,\"hobbies\":[]}");
        RetryOutputParser<Person> parser = RetryOutputParser.of(StructuredOutputParser.of(Person.class), model, 2);

        Person p = parser.parse("Ada is 36", new dev.catena.core.prompt.StringPromptValue("Describe Ada"));

        assertThat(p.age()).isEqualTo(36);
        assertThat(model.requests()).hasSize(1);
        var messages = model.requests().getFirst().messages();
        assertThat(((UserMessage) messages.get(0)).singleText()).isEqualTo("Describe Ada");
        assertThat(((UserMessage) messages.get(1)).singleText()).contains("Ada is 36").contains("Error: invalid JSON").contains("JSON Schema");
    }

    @Test
    void retryParserGivesUpAfterMaxRetries() {
        FakeChatModel model = FakeChatModel.replies("still bad", "bad again");
        RetryOutputParser<Boolean> parser = RetryOutputParser.of(BooleanOutputParser.create(), model, 2);
        assertThatThrownBy(() -> parser.invoke("hmm"))
                .isInstanceOfSatisfying(OutputParserException.class, e -> {
                    assertThat(e.rawText()).isEqualTo("bad again");
                    assertThat(e.reason()).contains("after 2 retries");
                });
        assertThat(model.requests()).hasSize(2);
    }

    @Test
    void parserAfterStreamingModelEmitsValuesWhileTokensArrive() {
        FakeChatModel model = FakeChatModel.tokens(List.of("{\"items\": [", "\"a\"", ", \"b\"", "]}"));
        Runnable<Object, JsonNode> chain = ChatModelRunnable.of((StreamingChatModel) model).pipe(JsonOutputParser.create());

        List<JsonNode> out = chain.stream("list").toList();

        assertThat(out).hasSizeGreaterThanOrEqualTo(3);
        assertThat(out.get(0).get("items").size()).isZero();
        assertThat(out.getLast()).isEqualTo(JsonText.parse("{\"items\":[\"a\",\"b\"]}"));
    }
}
