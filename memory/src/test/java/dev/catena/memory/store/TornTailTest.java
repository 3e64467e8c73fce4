package dev.catena.memory.store;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The torn last line a {@code kill -9} can leave (issue 9), at every possible cut: a file holding
 * two acknowledged turns plus any strict prefix of a third turn's line loads as exactly the two
 * turns, logs a warning naming the file and line, and takes the next append cleanly.
 */
class TornTailTest {

    @TempDir
    Path dir;

    @Test
    void everyCutOfTheLastLineIsSkippedWithAWarning() throws IOException {
        Path source = dir.resolve("source");
        FileConversationStore writer = new FileConversationStore(source);
        List<ChatMessage> first = List.of(UserMessage.from("one"), AiMessage.from("1"));
        List<ChatMessage> second = List.of(UserMessage.from("two \u00e9\u4e2d\ud83d\ude00"), AiMessage.from("2"));
        writer.append("c", first);
        writer.append("c", second);
        byte[] twoTurns = Files.readAllBytes(onlyFile(source));
        writer.append("c", List.of(UserMessage.from("three \u00e9\u4e2d\ud83d\ude00 with a longer text"), AiMessage.from("3")));
        byte[] threeTurns = Files.readAllBytes(onlyFile(source));
        List<ChatMessage> acknowledged = concat(first, second);

        int cuts = 0;
        for (int cut = twoTurns.length + 1; cut < threeTurns.length; cut++) { // every strict prefix of line 3, incl. without its newline
            Path copy = dir.resolve("cut-" + cut);
            Files.createDirectories(copy);
            Path file = copy.resolve(onlyFile(source).getFileName());
            Files.write(file, Arrays.copyOf(threeTurns, cut));
            int cutAt = cut;

            String log = capturingStderr(() -> assertThat(new FileConversationStore(copy).load("c")).as("cut at byte %d", cutAt)
                    .isEqualTo(acknowledged));
            assertThat(log).as("warning for cut at %d", cutAt).contains("Skipping torn last line 3 of " + file);

            FileConversationStore reopened = new FileConversationStore(copy);
            reopened.append("c", List.of(UserMessage.from("after"), AiMessage.from("crash")));
            assertThat(new FileConversationStore(copy).load("c")).hasSize(acknowledged.size() + 2)
                    .endsWith(UserMessage.from("after"), AiMessage.from("crash"));
            cuts++;
        }
        assertThat(cuts).isGreaterThan(100);
    }

    private static String capturingStderr(Runnable action) {
        PrintStream original = System.err;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buffer, true, StandardCharsets.UTF_8)); // slf4j-simple writes to the current System.err
        try {
            action.run();
        } finally {
            System.setErr(original);
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }

    private static List<ChatMessage> concat(List<ChatMessage> a, List<ChatMessage> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

    private static Path onlyFile(Path directory) throws IOException {
        try (var files = Files.list(directory)) {
            return files.filter(p -> p.toString().endsWith(".jsonl")).findFirst().orElseThrow();
        }
    }
}
