package dev.catena.memory.store;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
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
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                CrashWriter.class.getName(), kind, dir.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        int acked = -1;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while ((line = out.readLine()) != null && System.nanoTime() < deadline) {
                if (line.startsWith("ACK ")) acked = Integer.parseInt(line.substring(4));
                if (acked >= 40) break;
            }
            p.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no flushing
            p.waitFor(10, TimeUnit.SECONDS);
        }
        assertThat(acked).as("the writer acknowledged turns before being killed").isGreaterThanOrEqualTo(40);

        ConversationStore reopened = kind.equals("file") ? new FileConversationStore(dir) : JdbcConversationStore.h2(dir.resolve("db"));
        List<ChatMessage> stored = reopened.load("crash");
        assertThat(stored.size() % 2).as("turns are whole").isZero();
        int turns = stored.size() / 2;
        assertThat(turns).as("acknowledged turns present").isGreaterThanOrEqualTo(acked + 1);
        for (int i = 0; i < turns; i++) {
            assertThat(((UserMessage) stored.get(2 * i)).singleText()).startsWith("question " + i + " ");
            assertThat(((AiMessage) stored.get(2 * i + 1)).text()).isEqualTo("answer " + i);
        }
        // The store still accepts writes after the crash.
        reopened.append("crash", List.of(UserMessage.from("after"), AiMessage.from("crash")));
        assertThat(reopened.load("crash")).hasSize(stored.size() + 2);
    }
}
