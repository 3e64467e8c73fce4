package dev.catena.chains.yaml;

import com.fasterxml.jackson.databind.JsonNode;
import dev.catena.core.model.ConstrainedGeneration;
import dev.catena.core.model.OutputConstraint;
import dev.catena.core.parser.OutputParserException;
import dev.catena.core.runnable.Runnable;
import dev.catena.testing.ScriptedChatModel;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** {@code output: {schema: ...}} on LLM chains: constrained where the model can, told and validated where it cannot. */
class LlmOutputSchemaTest {

    @TempDir
    Path dir;

    private static final String SCHEMA = """
            {"type": "object", "properties": {"name": {"type": "string"}, "age": {"type": "integer", "minimum": 0}},
             "required": ["name", "age"], "additionalProperties": false}""";

    /** A model that can constrain its decoding: it records each constraint asked for and the requests of its views. */
    static final class ConstrainableModel implements ChatModel, ConstrainedGeneration {
        final List<OutputConstraint> constraints = new ArrayList<>();
        final List<ChatRequest> requests = new ArrayList<>();
        private final ScriptedChatModel replies;

        ConstrainableModel(String... replies) {
            this.replies = ScriptedChatModel.of(replies);
        }

        @Override public ChatResponse doChat(ChatRequest request) {
            requests.add(request);
            return replies.chat(request);
        }

        @Override public ChatModel constrainedTo(OutputConstraint constraint) {
            constraints.add(constraint);
            return new ChatModel() {
                @Override public ChatResponse doChat(ChatRequest request) {
                    return ConstrainableModel.this.doChat(request);
                }
            };
        }
    }

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    private Path chainFile(String output) throws IOException {
        return write("extract.yaml", """
                apiVersion: catena/v1
                kind: Chain
                name: extract
                type: llm
                template: "Who is in this text? {text}"
                model: {bean: model}
                """ + output);
    }

    @SuppressWarnings("unchecked")
    private static Object run(Path file, ChatModel model, String text) {
        Runnable<Map<String, Object>, Object> chain = CatenaLoader.builder().bean("model", model).build().load(file)
                .get("extract", Runnable.class);
        return chain.invoke(Map.of("text", text));
    }

    @Test
    void aModelThatCanConstrainIsHeldToTheSchemaAndNotToldIt() throws IOException {
        Path file = chainFile("output:\n  schema: " + SCHEMA.replace("\n", " ") + "\n");
        ConstrainableModel model = new ConstrainableModel("{\"name\": \"Ada\", \"age\": 36}");

        Object out = run(file, model, "Ada, 36, wrote the first program.");

        assertThat(out).isInstanceOf(JsonNode.class);
        assertThat(((JsonNode) out).get("age").asInt()).isEqualTo(36);
        assertThat(model.constraints).hasSize(1);
        assertThat(model.constraints.getFirst().jsonSchemas().values().iterator().next()).contains("\"minimum\":0");
        assertThat(((UserMessage) model.requests.getFirst().messages().getLast()).singleText())
                .isEqualTo("Who is in this text? Ada, 36, wrote the first program.");
    }

    @Test
    void anyOtherModelIsToldTheSchemaAndItsAnswerIsValidated() throws IOException {
        write("person.schema.json", SCHEMA);
        Path file = chainFile("output: {schema: \"${file:person.schema.json}\"}\n");
        ScriptedChatModel model = ScriptedChatModel.of("```json\n{\"name\": \"Ada\", \"age\": 36}\n```", "{\"name\": \"Ada\", \"age\": -1}");

        JsonNode out = (JsonNode) run(file, model, "Ada, 36.");
        assertThat(out.get("name").asText()).isEqualTo("Ada");
        assertThat(((UserMessage) model.lastRequest().messages().getLast()).singleText())
                .startsWith("Who is in this text? Ada, 36.\n\nAnswer with a JSON value that conforms to this JSON Schema")
                .contains("\"required\":[\"name\",\"age\"]");

        assertThatThrownBy(() -> run(file, model, "Ada, minus one."))
                .isInstanceOf(OutputParserException.class).hasMessageContaining("does not match the schema").hasMessageContaining("age");
    }

    @Test
    void aBadSchemaIsAnErrorAtItsFileLineAndColumn() throws IOException {
        Path file = chainFile("""
                output:
                  schema:
                    type: object
                    properties:
                      age: {type: integr}
                """);
        CatenaFileException e = catchThrowableOfType(CatenaFileException.class, () -> CatenaLoader.builder().build().read(file));
        assertThat(e).isNotNull();
        assertThat(e.errors()).hasSize(1);
        assertThat(e.errors().getFirst().toString()).startsWith("extract.yaml:7:1 output").contains("invalid JSON Schema", "type");

        Path notJson = chainFile("output: {schema: \"{not json\"}\n");
        CatenaFileException e2 = catchThrowableOfType(CatenaFileException.class, () -> CatenaLoader.builder().build().read(notJson));
        assertThat(e2.errors().getFirst().toString()).startsWith("extract.yaml:7:").contains("the JSON Schema is not JSON");
    }

    @Test
    void outputAndANonJsonParserAreRefused() throws IOException {
        Path file = chainFile("parser: lines\noutput: {schema: {type: object}}\n");
        CatenaFileException e = catchThrowableOfType(CatenaFileException.class, () -> CatenaLoader.builder().build().read(file));
        assertThat(e.errors().getFirst().toString()).contains("'output' gives JSON; drop 'parser: lines'");
    }
}
