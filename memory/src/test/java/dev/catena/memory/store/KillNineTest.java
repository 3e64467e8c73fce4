package dev.catena.memory.store;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kills a writer process with SIGKILL while it appends turns, then checks that every turn it had
 * acknowledged is stored intact and in order, and that at most the one turn in flight is extra.
 */
class KillNineTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"file", "jdbc"})
    void everyAcknowledgedTurnSurvivesKillNine(String kind) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        // the writer's acknowledgements go straight to a file, so the last one it printed before it died can be read after
        Path acks = Files.createTempFile("catena-kill-nine-acks", ".txt");
        acks.toFile().deleteOnExit();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                CrashWriter.class.getName(), kind, dir.toString())
                .redirectOutput(acks.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (lastAck(acks) < 40 && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        p.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no flushing
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        int acked = lastAck(acks);
        assertThat(acked).as("the writer acknowledged turns before being killed").isGreaterThanOrEqualTo(40);

        ConversationStore reopened = kind.equals("file") ? new FileConversationStore(dir) : JdbcConversationStore.h2(dir.resolve("db"));
        List<ChatMessage> stored = reopened.load("crash");
        assertThat(stored.size() % 2).as("turns are whole").isZero();
        int turns = stored.size() / 2;
        assertThat(turns).as("acknowledged turns present (last acknowledged: %d)", acked).isGreaterThanOrEqualTo(acked + 1);
        assertThat(turns).as("at most the one turn in flight is extra (last acknowledged: %d)", acked).isLessThanOrEqualTo(acked + 2);
        for (int i = 0; i < turns; i++) {
            assertThat(((UserMessage) stored.get(2 * i)).singleText()).startsWith("question " + i + " ");
            assertThat(((AiMessage) stored.get(2 * i + 1)).text()).isEqualTo("answer " + i);
        }
        // The store still accepts writes after the crash.
        reopened.append("crash", List.of(UserMessage.from("after"), AiMessage.from("crash")));
        assertThat(reopened.load("crash")).hasSize(stored.size() + 2);
    }

    /** The number of the last whole "ACK n" line the writer printed, -1 before the first. */
    private static int lastAck(Path acks) throws IOException {
        int last = -1;
        for (String line : Files.readAllLines(acks, StandardCharsets.UTF_8)) {
            if (line.matches("ACK \\d+")) last = Integer.parseInt(line.substring(4));
        }
        return last;
    }
}
