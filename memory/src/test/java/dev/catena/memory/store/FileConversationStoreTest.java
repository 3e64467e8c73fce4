package dev.catena.memory.store;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FileConversationStoreTest extends ConversationStoreContract {

    @Override ConversationStore open(Path dir) { return new FileConversationStore(dir); }

    @Test
    void tornLastLineIsSkippedAndCutBeforeTheNextAppend() throws IOException {
        FileConversationStore store = new FileConversationStore(dir);
        store.append("c", List.of(UserMessage.from("one"), AiMessage.from("1")));
        Path file = onlyFile();
        Files.writeString(file, "[{\"type\":\"USER\",\"contents\":[{\"ty", StandardOpenOption.APPEND);

        assertThat(store.load("c")).containsExactly(UserMessage.from("one"), AiMessage.from("1"));
        store.append("c", List.of(UserMessage.from("two"), AiMessage.from("2")));
        assertThat(new FileConversationStore(dir).load("c"))
                .containsExactly(UserMessage.from("one"), AiMessage.from("1"), UserMessage.from("two"), AiMessage.from("2"));
        assertThat(Files.readString(file, StandardCharsets.UTF_8).lines()).hasSize(2);
    }

    @Test
    void corruptionInTheMiddleIsAnErrorNamingFileAndLine() throws IOException {
        FileConversationStore store = new FileConversationStore(dir);
        store.append("c", List.of(UserMessage.from("one")));
        Path file = onlyFile();
        String good = Files.readString(file);
        Files.writeString(file, "not json\n" + good);
        assertThatThrownBy(() -> store.load("c")).isInstanceOf(ConversationStoreException.class)
                .hasMessageContaining(file.toString() + ":1");
    }

    private Path onlyFile() throws IOException {
        try (var files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".jsonl")).findFirst().orElseThrow();
        }
    }
}
