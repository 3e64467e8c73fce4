package dev.catena.chains.memory;

import dev.catena.chains.LockingMemory;
import dev.catena.chains.llm.LlmChain;
import dev.catena.core.prompt.ChatPromptTemplate;
import dev.catena.core.runnable.RunConfig;
import dev.catena.core.runnable.RunStream;
import dev.catena.testing.ScriptedChatModel;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.catena.chains.TestInputs.eventually;
import static dev.catena.chains.TestInputs.in;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConversationChainTest {

    private static final ChatPromptTemplate PROMPT = ChatPromptTemplate.builder()
            .system("You are terse.").placeholder("history").user("{input}").build();

    private final LockingMemory memory = new LockingMemory();

    @Test
    void loadsHistoryBeforeAndSavesTheTurnAfter() {
        ScriptedChatModel model = ScriptedChatModel.of("Hello Ada.", "Your name is Ada.");
        ConversationChain<Object> chain = ConversationChain.of(LlmChain.of(PROMPT, model), memory, "input");

        assertThat(chain.invoke(in("conversationId", "u1", "input", "I am Ada."))).isEqualTo("Hello Ada.");
        assertThat(chain.invoke(in("conversationId", "u1", "input", "What is my name?"))).isEqualTo("Your name is Ada.");

        assertThat(model.lastMessages()).containsExactly(SystemMessage.from("You are terse."),
                UserMessage.from("I am Ada."), AiMessage.from("Hello Ada."), UserMessage.from("What is my name?"));
        assertThat(memory.log).containsExactly(
                "lock u1", "load u1 0", "save u1 2", "unlock u1",
                "lock u1", "load u1 2", "save u1 2", "unlock u1");
    }

    @Test
    void theConversationIdMayComeFromRunMetadata() {
        ScriptedChatModel model = ScriptedChatModel.of("Hi.");
        ConversationChain<Object> chain = ConversationChain.of(LlmChain.of(PROMPT, model), memory, "input");

        chain.invoke(in("input", "hello"), RunConfig.builder().putMetadata(ConversationChain.CONVERSATION_ID, "meta-7").build());

        assertThat(memory.stored("meta-7")).containsExactly(UserMessage.from("hello"), AiMessage.from("Hi."));
        assertThatThrownBy(() -> chain.invoke(in("input", "hello")))
                .hasMessageContaining("needs a conversation id: input 'conversationId' or run metadata 'conversationId'");
    }

    @Test
    void concurrentRequestsOnOneConversationSerialize() throws Exception {
        int turns = 8;
        AtomicInteger active = new AtomicInteger();
        AtomicInteger maxActive = new AtomicInteger();
        ScriptedChatModel.Builder b = ScriptedChatModel.builder();
        for (int i = 0; i < turns; i++) {
            b.replyWith(r -> {
                maxActive.accumulateAndGet(active.incrementAndGet(), Math::max);
                try {
                    Thread.sleep(15);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                active.decrementAndGet();
                return AiMessage.from("answer " + r.messages().size());
            });
        }
        ScriptedChatModel model = b.build();
        ConversationChain<Object> chain = ConversationChain.of(LlmChain.of(PROMPT, model), memory, "input");

        List<Future<Object>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(turns)) {
            for (int i = 0; i < turns; i++) {
                int n = i;
                results.add(pool.submit(() -> chain.invoke(in("conversationId", "shared", "input", "q" + n))));
            }
            for (Future<Object> f : results) f.get();
        }

        assertThat(maxActive.get()).as("at most one request of a conversation runs at a time").isEqualTo(1);
        // each request saw every earlier turn: system + 2 messages per earlier turn + the question
        assertThat(model.requests().stream().map(ChatRequest::messages).map(List::size))
                .containsExactly(2, 4, 6, 8, 10, 12, 14, 16);
        assertThat(memory.stored("shared")).hasSize(2 * turns);
        for (int i = 0; i < memory.log.size(); i += 4) {
            assertThat(memory.log.subList(i, i + 4)).as("turn %d", i / 4)
                    .containsExactly("lock shared", "load shared " + (i / 2), "save shared 2", "unlock shared");
        }
    }

    @Test
    void streamingHoldsTheConversationUntilTheStreamEndsThenSaves() {
        ScriptedChatModel model = ScriptedChatModel.of("Nice to meet you.");
        ConversationChain<Object> chain = ConversationChain.of(LlmChain.of(PROMPT, model), memory, "input");

        List<Object> chunks = chain.stream(in("conversationId", "s1", "input", "I am Bo.")).toList();

        assertThat(chunks).containsExactly("Nice", " to", " meet", " you.");
        assertThat(memory.stored("s1")).containsExactly(UserMessage.from("I am Bo."), AiMessage.from("Nice to meet you."));
        assertThat(memory.log).containsExactly("lock s1", "load s1 0", "save s1 2", "unlock s1");
    }

    @Test
    void aStreamClosedEarlySavesNothingAndReleasesTheConversation() {
        ScriptedChatModel model = ScriptedChatModel.builder().reply("one two three four five six seven eight")
                .tokenDelay(Duration.ofMillis(20)).reply("ok").build();
        ConversationChain<Object> chain = ConversationChain.of(LlmChain.of(PROMPT, model), memory, "input");

        try (RunStream<Object> s = chain.stream(in("conversationId", "s2", "input", "count"))) {
            assertThat(s.next()).isEqualTo("one");
        }
        eventually("the conversation is unlocked", () -> memory.log.contains("unlock s2"));
        assertThat(memory.stored("s2")).isEmpty();

        assertThat(chain.invoke(in("conversationId", "s2", "input", "again"))).isEqualTo("ok");
        assertThat(memory.stored("s2")).hasSize(2);
    }
}
