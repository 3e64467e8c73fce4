package dev.catena.memory;

import dev.catena.memory.store.ConversationStore;
import dev.catena.memory.store.FileConversationStore;
import dev.catena.memory.store.InMemoryConversationStore;
import dev.catena.memory.store.JdbcConversationStore;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 200 conversations driven from 16 threads; several threads work on the same conversation at once,
 * each doing load-then-save (read the history, derive the next turn number, append). Serialization
 * per conversation means every history ends up exactly turn 0..N-1, in order, no gaps or duplicates.
 */
class ConcurrencyTest {

    static final int CONVERSATIONS = 200;
    static final int TURNS = 6;

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"memory", "file", "jdbc"})
    void twoHundredConversationsFromSixteenThreads(String kind) throws Exception {
        ConversationStore store = switch (kind) {
            case "memory" -> new InMemoryConversationStore();
            case "file" -> new FileConversationStore(dir);
            default -> JdbcConversationStore.h2(dir.resolve("db"));
        };
        BufferMemory memory = new BufferMemory(store);
        List<Integer> work = new ArrayList<>();
        for (int c = 0; c < CONVERSATIONS; c++) for (int t = 0; t < TURNS; t++) work.add(c);
        Collections.shuffle(work, new java.util.Random(42));

        try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
            List<Future<?>> futures = new ArrayList<>();
            for (int c : work) {
                String id = "conversation-" + c;
                futures.add(pool.submit(() -> memory.inConversation(id, () -> {
                    int next = memory.messages(id).size() / 2;
                    Thread.yield();
                    memory.add(id, List.of(UserMessage.from(id + " q" + next), AiMessage.from(id + " a" + next)));
                    return null;
                })));
            }
            for (Future<?> f : futures) f.get(120, TimeUnit.SECONDS);
        }

        BufferMemory reread = new BufferMemory(kind.equals("memory") ? store
                : kind.equals("file") ? new FileConversationStore(dir) : JdbcConversationStore.h2(dir.resolve("db")));
        for (int c = 0; c < CONVERSATIONS; c++) {
            String id = "conversation-" + c;
            List<ChatMessage> expected = new ArrayList<>();
            for (int t = 0; t < TURNS; t++) {
                expected.add(UserMessage.from(id + " q" + t));
                expected.add(AiMessage.from(id + " a" + t));
            }
            assertThat(reread.messages(id)).as(id).containsExactlyElementsOf(expected);
        }
    }
}
