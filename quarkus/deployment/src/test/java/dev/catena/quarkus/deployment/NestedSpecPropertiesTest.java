package dev.catena.quarkus.deployment;

import dev.catena.core.memory.ConversationMemory;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fields of a nested spec record are dotted keys: a configured memory keeps its conversations in
 * the file store named by {@code store.kind} and {@code store.path}.
 */
class NestedSpecPropertiesTest {

    static final Path DIR = Path.of("target", "nested-spec-memory-" + ProcessHandle.current().pid());

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .overrideConfigKey("quarkus.catena.memories.saved.type", "buffer")
            .overrideConfigKey("quarkus.catena.memories.saved.store.kind", "file")
            .overrideConfigKey("quarkus.catena.memories.saved.store.path", DIR.toString());

    @Inject
    @Named("saved")
    ConversationMemory saved;

    @Test
    void aTurnIsWrittenUnderTheConfiguredDirectory() throws IOException {
        saved.add("c7", List.of(UserMessage.from("remember the lighthouse"), AiMessage.from("noted")));
        assertThat(saved.messages("c7")).hasSize(2);
        try (Stream<Path> files = Files.walk(DIR)) {
            assertThat(files.filter(Files::isRegularFile).toList()).isNotEmpty();
        }
    }
}
