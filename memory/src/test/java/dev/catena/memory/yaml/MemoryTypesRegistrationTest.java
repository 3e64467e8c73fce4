package dev.catena.memory.yaml;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.catena.core.component.ComponentContext;
import dev.catena.core.component.ComponentType;
import dev.catena.core.component.Ref;
import dev.catena.core.memory.ConversationMemory;
import dev.catena.memory.summary.SummaryBufferMemory;
import dev.catena.memory.window.MessageWindowMemory;
import dev.catena.testing.ScriptedChatModel;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MemoryTypesRegistrationTest {

    @TempDir
    Path dir;

    private final ObjectMapper strict = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    @SuppressWarnings("rawtypes")
    private Map<String, ComponentType> types() {
        return ServiceLoader.load(ComponentType.class).stream().map(ServiceLoader.Provider::get)
                .filter(t -> t.kind().equals("Memory"))
                .collect(Collectors.toMap(ComponentType::type, t -> t));
    }

    private ComponentContext context(Map<String, Object> beans) {
        return new ComponentContext() {
            @Override public <T> T resolve(String ref, Class<T> type) { return type.cast(beans.get(ref)); }
            @Override public String env(String name) { throw new IllegalArgumentException("no env"); }
            @Override public Path path(String relative) { return dir.resolve(relative); }
        };
    }

    @Test
    void everyMemoryTypeIsRegistered() {
        assertThat(types().keySet()).containsExactlyInAnyOrder(
                "buffer", "message-window", "token-window", "summary", "summary-buffer", "vector", "entity");
    }

    @Test
    @SuppressWarnings("unchecked")
    void fileBackedWindowFromASpecPersistsTurns() throws Exception {
        var type = types().get("message-window");
        Object spec = strict.readValue("{\"maxMessages\": 2, \"store\": {\"kind\": \"file\", \"path\": \"conv\"}}", type.specClass());
        ConversationMemory memory = (ConversationMemory) type.create(spec, context(Map.of()));
        assertThat(memory).isInstanceOf(MessageWindowMemory.class);
        memory.add("x", List.of(UserMessage.from("q1"), AiMessage.from("a1")));
        memory.add("x", List.of(UserMessage.from("q2"), AiMessage.from("a2")));
        assertThat(memory.messages("x")).containsExactly(UserMessage.from("q2"), AiMessage.from("a2"));
        try (var files = Files.list(dir.resolve("conv"))) {
            assertThat(files.count()).isEqualTo(1);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void summaryBufferResolvesItsModelReference() throws Exception {
        var type = types().get("summary-buffer");
        Object spec = strict.readValue("{\"model\": {\"ref\": \"small\"}, \"maxTokens\": 50}", type.specClass());
        ScriptedChatModel small = ScriptedChatModel.of("The user asked about turn one.");
        ConversationMemory memory = (ConversationMemory) type.create(spec, context(Map.of("small", small)));
        assertThat(memory).isInstanceOf(SummaryBufferMemory.class);
        String words = " lorem ipsum dolor sit amet".repeat(2);
        for (int turn = 1; turn <= 3; turn++) {
            memory.add("c", List.of(UserMessage.from("question " + turn + words), AiMessage.from("answer " + turn + words)));
        }
        // beyond the spec's 50 tokens the oldest turns are summarized by the referenced model
        List<dev.langchain4j.data.message.ChatMessage> view = memory.messages("c");
        assertThat(small.requests()).hasSize(1);
        assertThat(small.lastRequest().messages().toString()).contains("question 1").doesNotContain("answer 3");
        assertThat(view.getFirst()).isInstanceOf(dev.langchain4j.data.message.SystemMessage.class);
        assertThat(((dev.langchain4j.data.message.SystemMessage) view.getFirst()).text()).endsWith("The user asked about turn one.");
        assertThat(view.getLast()).isEqualTo(AiMessage.from("answer 3" + words));
        assertThat(view).doesNotContain(UserMessage.from("question 1" + words));
    }

    @Test
    void specsRejectUnknownFieldsMissingFieldsAndBadValues() {
        var window = types().get("message-window");
        assertThatThrownBy(() -> strict.readValue("{\"maxMessages\": 2, \"colour\": 1}", window.specClass()))
                .hasMessageContaining("colour");
        assertThatThrownBy(() -> strict.readValue("{}", window.specClass())).hasMessageContaining("maxMessages");
        assertThatThrownBy(() -> strict.readValue("{\"maxMessages\": 2, \"store\": {\"kind\": \"file\"}}", window.specClass()))
                .hasMessageContaining("needs a 'path'");
        assertThatThrownBy(() -> strict.readValue("{\"maxMessages\": 2, \"store\": {\"kind\": \"s3\"}}", window.specClass()))
                .hasMessageContaining("s3");
        assertThat(new Ref("x", null).name()).isEqualTo("x");
    }
}
