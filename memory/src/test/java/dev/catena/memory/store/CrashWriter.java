package dev.catena.memory.store;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;

import java.nio.file.Path;
import java.util.List;

/**
 * Child process for {@link KillNineTest}: appends turns forever to the store named by its
 * arguments and prints "ACK n" after each append returns (i.e. after the turn is durable).
 */
public final class CrashWriter {
    public static void main(String[] args) {
        String kind = args[0];
        Path dir = Path.of(args[1]);
        ConversationStore store = switch (kind) {
            case "file" -> new FileConversationStore(dir);
            case "jdbc" -> JdbcConversationStore.h2(dir.resolve("db"));
            default -> throw new IllegalArgumentException("unknown store kind " + kind);
        };
        String padding = "x".repeat(2000);
        for (int i = 0; ; i++) {
            store.append("crash", List.of(UserMessage.from("question " + i + " " + padding), AiMessage.from("answer " + i)));
            System.out.println("ACK " + i);
            System.out.flush();
        }
    }
}
