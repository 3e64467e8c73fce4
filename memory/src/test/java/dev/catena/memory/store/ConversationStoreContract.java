package dev.catena.memory.store;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The behaviour every {@link ConversationStore} shares; each store's test extends it. */
abstract class ConversationStoreContract {

    @TempDir
    Path dir;

    /** A store over {@code dir}; called again to simulate a restart (persistent stores see the same data). */
    abstract ConversationStore open(Path dir);

    boolean persistent() {
        return true;
    }

    @Test
    void appendsLoadsReplacesAndDeletes() {
        ConversationStore store = open(dir);
        assertThat(store.load("a")).isEmpty();
        ToolExecutionRequest call = ToolExecutionRequest.builder().id("t1").name("calc").arguments("{\"x\":\"line1\\nline2\"}").build();
        List<ChatMessage> turn1 = List.of(SystemMessage.from("sys"), UserMessage.from("héllo 你好 😀\nsecond line"), AiMessage.from(call));
        List<ChatMessage> turn2 = List.of(ToolExecutionResultMessage.from(call, "42"), AiMessage.from("done"));
        store.append("a", turn1);
        store.append("a", turn2);
        store.append("b", List.of(UserMessage.from("other")));
        assertThat(store.load("a")).containsExactlyElementsOf(concat(turn1, turn2));
        assertThat(store.conversationIds()).containsExactlyInAnyOrder("a", "b");
        assertThat(store.lastModified("a")).isNotNull();

        store.replace("a", List.of(UserMessage.from("only")));
        assertThat(store.load("a")).containsExactly(UserMessage.from("only"));
        store.delete("a");
        assertThat(store.load("a")).isEmpty();
        assertThat(store.conversationIds()).containsExactly("b");
    }

    @Test
    void conversationsSurviveARestart() {
        if (!persistent()) return;
        ConversationStore store = open(dir);
        store.append("conv/with:odd chars", List.of(UserMessage.from("q"), AiMessage.from("a")));
        ConversationStore reopened = open(dir);
        assertThat(reopened.load("conv/with:odd chars")).containsExactly(UserMessage.from("q"), AiMessage.from("a"));
        assertThat(reopened.conversationIds()).contains("conv/with:odd chars");
    }

    static List<ChatMessage> concat(List<ChatMessage> a, List<ChatMessage> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
