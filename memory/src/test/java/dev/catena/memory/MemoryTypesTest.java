package dev.catena.memory;

import dev.catena.memory.entity.EntityMemory;
import dev.catena.memory.store.InMemoryConversationStore;
import dev.catena.memory.summary.SummaryBufferMemory;
import dev.catena.memory.vector.VectorStoreMemory;
import dev.catena.memory.window.CharacterTokenEstimator;
import dev.catena.memory.window.MessageWindowMemory;
import dev.catena.memory.window.TokenWindowMemory;
import dev.catena.testing.ScriptedChatModel;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class MemoryTypesTest {

    static void turns(StoredConversationMemory memory, String id, int n) {
        memory.add(id, List.of(SystemMessage.from("Be brief.")));
        for (int i = 1; i <= n; i++) {
            memory.add(id, List.of(UserMessage.from("question " + i), AiMessage.from("answer " + i)));
        }
    }

    static String text(ChatMessage m) {
        return switch (m) {
            case UserMessage u -> u.singleText();
            case AiMessage a -> a.text();
            case SystemMessage s -> s.text();
            default -> m.toString();
        };
    }

    @Test
    void bufferKeepsEverythingPerConversation() {
        BufferMemory memory = BufferMemory.inMemory();
        turns(memory, "a", 3);
        memory.add("b", List.of(UserMessage.from("other")));
        assertThat(memory.messages("a")).hasSize(7);
        assertThat(memory.messages("b")).containsExactly(UserMessage.from("other"));
        memory.clear("a");
        assertThat(memory.messages("a")).isEmpty();
    }

    @Test
    void messageWindowSendsTheNewestTurns() {
        MessageWindowMemory memory = new MessageWindowMemory(new InMemoryConversationStore(), 5);
        turns(memory, "a", 4);
        assertThat(memory.messages("a")).extracting(MemoryTypesTest::text)
                .containsExactly("Be brief.", "question 3", "answer 3", "question 4", "answer 4");
        assertThat(memory.store().load("a")).hasSize(9);
    }

    @Test
    void tokenWindowSendsWhatFits() {
        CharacterTokenEstimator estimator = new CharacterTokenEstimator();
        TokenWindowMemory memory = new TokenWindowMemory(new InMemoryConversationStore(), 30, estimator);
        turns(memory, "a", 10);
        List<ChatMessage> window = memory.messages("a");
        assertThat(estimator.estimateTokenCountInMessages(window)).isLessThanOrEqualTo(30);
        assertThat(window.getLast()).isEqualTo(AiMessage.from("answer 10"));
        assertThat(window.get(1)).isInstanceOf(UserMessage.class);
    }

    @Test
    void summaryBufferSummarizesOlderTurnsProgressively() {
        ScriptedChatModel summarizer = ScriptedChatModel.of("S1: asked q1-q?", "S2: more");
        CharacterTokenEstimator estimator = new CharacterTokenEstimator();
        SummaryBufferMemory memory = new SummaryBufferMemory(new InMemoryConversationStore(), summarizer, 30, estimator);
        turns(memory, "a", 6);
        List<ChatMessage> first = memory.messages("a");
        assertThat(first.getFirst()).isInstanceOf(SystemMessage.class);
        assertThat(text(first.getFirst())).startsWith("Be brief.").contains("S1: asked q1-q?");
        assertThat(first.stream().filter(m -> m instanceof SystemMessage)).hasSize(1);
        assertThat(first.getLast()).isEqualTo(AiMessage.from("answer 6"));
        String prompt = text(summarizer.requests().getFirst().messages().getLast());
        assertThat(prompt).contains("User: question 1").contains("Assistant: answer 1").doesNotContain("answer 6");
        // No new turns: the cached summary is reused, no model call.
        memory.messages("a");
        assertThat(summarizer.requests()).hasSize(1);
        memory.add("a", List.of(UserMessage.from("question 7"), AiMessage.from("answer 7")));
        memory.messages("a");
        assertThat(summarizer.requests()).hasSize(2);
        String second = text(summarizer.requests().get(1).messages().getLast());
        assertThat(second).contains("S1: asked q1-q?").doesNotContain("question 1\n");
        assertThat(memory.summary("a")).isEqualTo("S2: more");
    }

    @Test
    void summaryOnlySummarizesEveryTurn() {
        ScriptedChatModel summarizer = ScriptedChatModel.of("everything so far");
        SummaryBufferMemory memory = SummaryBufferMemory.summaryOnly(new InMemoryConversationStore(), summarizer, new CharacterTokenEstimator());
        turns(memory, "a", 2);
        assertThat(memory.messages("a")).extracting(MemoryTypesTest::text)
                .containsExactly("Be brief.\n\nSummary of the earlier conversation:\neverything so far");
    }

    /** Bag-of-words embeddings: enough to make similar turns similar, deterministic, no model download. */
    static final class WordHashEmbeddings implements EmbeddingModel {
        @Override
        public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
            return Response.from(segments.stream().map(s -> vector(s.text())).toList());
        }

        private static Embedding vector(String text) {
            float[] v = new float[64];
            for (String w : text.toLowerCase(Locale.ROOT).split("\\W+")) {
                if (w.length() > 3) v[Math.floorMod(w.hashCode(), 64)] += 1;
            }
            return normalized(v);
        }

        private static Embedding normalized(float[] v) {
            double n = 0;
            for (float x : v) n += x * x;
            n = Math.sqrt(n) == 0 ? 1 : Math.sqrt(n);
            for (int i = 0; i < v.length; i++) v[i] /= (float) n;
            return Embedding.from(v);
        }

        @Override public int dimension() { return 64; }
    }

    @Test
    void vectorMemoryRecallsRelevantEarlierTurnsOfTheSameConversationOnly() {
        VectorStoreMemory memory = new VectorStoreMemory(new InMemoryConversationStore(), new WordHashEmbeddings(),
                new InMemoryEmbeddingStore<>(), 2, 1, 0.3);
        memory.add("a", List.of(UserMessage.from("My favourite colour is turquoise"), AiMessage.from("Noted: turquoise")));
        memory.add("a", List.of(UserMessage.from("Book a table for dinner"), AiMessage.from("Booked for seven")));
        memory.add("a", List.of(UserMessage.from("What about weather tomorrow"), AiMessage.from("Sunny")));
        memory.add("b", List.of(UserMessage.from("My favourite colour is crimson"), AiMessage.from("Noted: crimson")));

        List<ChatMessage> recalled = memory.messages("a", "which favourite colour did I mention?");
        assertThat(text(recalled.getFirst())).contains("turquoise").doesNotContain("crimson");
        assertThat(recalled.subList(1, recalled.size())).containsExactly(
                UserMessage.from("What about weather tomorrow"), AiMessage.from("Sunny"));
        assertThat(memory.messages("a")).hasSize(2);
        memory.clear("a");
        assertThat(memory.messages("a", "favourite colour")).isEmpty();
        assertThat(text(memory.messages("b", "favourite colour").getFirst())).contains("crimson");
    }

    @Test
    void entityMemoryKeepsFactsUpToDate() {
        ScriptedChatModel extractor = ScriptedChatModel.of(
                "Sure: {\"Alice\": \"lives in Oslo\", \"Bob\": \"is Alice's brother\"}",
                "{\"Alice\": \"moved to Bergen\"}",
                "not json at all");
        EntityMemory memory = new EntityMemory(new InMemoryConversationStore(), extractor, 4);
        memory.add("a", List.of(UserMessage.from("Alice lives in Oslo; Bob is her brother"), AiMessage.from("ok")));
        memory.add("a", List.of(UserMessage.from("Alice moved to Bergen"), AiMessage.from("ok")));
        memory.add("a", List.of(UserMessage.from("nothing new"), AiMessage.from("ok")));
        assertThat(memory.entities("a")).containsEntry("Alice", "moved to Bergen").containsEntry("Bob", "is Alice's brother");
        String system = text(memory.messages("a").getFirst());
        assertThat(system).contains("- Alice: moved to Bergen").contains("- Bob: is Alice's brother");
        String secondPrompt = text(extractor.requests().get(1).messages().getLast());
        assertThat(secondPrompt).contains("lives in Oslo");
    }
}
