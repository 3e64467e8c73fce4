package dev.catena.memory.store;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class LimitedConversationStoreTest {

    @Test
    void idleConversationsExpire() {
        AtomicReference<Instant> now = new AtomicReference<>(Instant.now());
        Clock clock = new Clock() {
            @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
            @Override public Clock withZone(java.time.ZoneId zone) { return this; }
            @Override public Instant instant() { return now.get(); }
        };
        LimitedConversationStore store = new LimitedConversationStore(new InMemoryConversationStore(), Duration.ofMinutes(30), 0, clock);
        store.append("old", List.of(UserMessage.from("x")));
        store.append("fresh", List.of(UserMessage.from("y")));
        assertThat(store.load("old")).hasSize(1);
        now.set(now.get().plus(Duration.ofMinutes(31)));
        assertThat(store.load("old")).isEmpty();
        assertThat(store.purgeExpired()).isEqualTo(1);
        assertThat(store.conversationIds()).isEmpty();
    }

    @Test
    void sizeLimitTrimsWholeTurnsAndKeepsTheSystemMessage() {
        LimitedConversationStore store = new LimitedConversationStore(new InMemoryConversationStore(), null, 4, Clock.systemUTC());
        ToolExecutionRequest call = ToolExecutionRequest.builder().id("1").name("t").arguments("{}").build();
        store.append("c", List.of(SystemMessage.from("s"), UserMessage.from("u1"), AiMessage.from("a1")));
        store.append("c", List.of(UserMessage.from("u2"), AiMessage.from(call), ToolExecutionResultMessage.from(call, "r"), AiMessage.from("a2")));
        assertThat(store.load("c")).containsExactly(SystemMessage.from("s"));
        store.append("c", List.of(UserMessage.from("u3"), AiMessage.from("a3")));
        assertThat(store.load("c")).containsExactly(SystemMessage.from("s"), UserMessage.from("u3"), AiMessage.from("a3"));
    }
}
