package dev.catena.chains.retrieval;

import dev.catena.chains.InMemoryRetriever;
import dev.catena.chains.LockingMemory;
import dev.catena.chains.documents.StuffDocumentsChain;
import dev.catena.chains.llm.LlmChain;
import dev.catena.core.prompt.PromptTemplate;
import dev.catena.testing.ScriptedChatModel;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.rag.content.Content;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.catena.chains.TestInputs.in;
import static dev.catena.chains.TestInputs.prompt;
import static org.assertj.core.api.Assertions.assertThat;

class RetrievalChainsTest {

    private final InMemoryRetriever retriever = new InMemoryRetriever(2,
            "Refunds are paid within 14 days of the return.",
            "Shipping to Europe takes 3 to 5 days.",
            "A refund needs the order number and the receipt.",
            "Our shop opens at 9 on weekdays.");

    private static StuffDocumentsChain answer(ScriptedChatModel model) {
        return StuffDocumentsChain.of(LlmChain.of(PromptTemplate.of("Context:\n{context}\n\nQuestion: {question}"), model));
    }

    @Test
    void answersFromTheRetrievedDocuments() {
        ScriptedChatModel model = ScriptedChatModel.of("Within 14 days, with your order number.");
        RetrievalQaChain chain = RetrievalQaChain.of(retriever, answer(model));

        assertThat(chain.invoke(in("question", "How do I get a refund?"))).isEqualTo("Within 14 days, with your order number.");
        assertThat(retriever.queries()).containsExactly("How do I get a refund?");
        assertThat(prompt(model.lastRequest()))
                .contains("Refunds are paid within 14 days").contains("A refund needs the order number")
                .doesNotContain("Shipping").endsWith("Question: How do I get a refund?");
    }

    @Test
    @SuppressWarnings("unchecked")
    void returnsItsSourcesWhenAsked() {
        RetrievalQaChain chain = RetrievalQaChain.of(retriever, answer(ScriptedChatModel.of("Within 14 days."))).withSources();

        Map<String, Object> out = (Map<String, Object>) chain.invoke(in("question", "How do I get a refund?"));

        assertThat(out).containsEntry("answer", "Within 14 days.");
        assertThat(((List<Content>) out.get("sources")).stream().map(c -> c.textSegment().text()))
                .containsExactlyInAnyOrder("Refunds are paid within 14 days of the return.", "A refund needs the order number and the receipt.");
        assertThat(((List<Content>) out.get("sources")).getFirst().textSegment().metadata().getString("id")).startsWith("doc");
    }

    @Test
    @SuppressWarnings("unchecked")
    void streamsTheAnswerWithItsSources() {
        RetrievalQaChain plain = RetrievalQaChain.of(retriever, answer(ScriptedChatModel.of("Within 14 days.")));
        assertThat(plain.stream(in("question", "refund?")).toList()).containsExactly("Within", " 14", " days.");

        RetrievalQaChain sourced = RetrievalQaChain.of(retriever, answer(ScriptedChatModel.of("Within 14 days."))).withSources();
        List<Object> snapshots = sourced.stream(in("question", "refund?")).toList();
        assertThat(snapshots).hasSize(3);
        assertThat((Map<String, Object>) snapshots.getFirst()).containsEntry("answer", "Within");
        assertThat((Map<String, Object>) snapshots.getLast()).containsEntry("answer", "Within 14 days.");
        assertThat((List<Content>) ((Map<String, Object>) snapshots.getLast()).get("sources")).hasSize(2);
    }

    @Test
    void conversationalRetrievalCondensesFollowUpsAndRemembersTurns() {
        LockingMemory memory = new LockingMemory();
        ScriptedChatModel condense = ScriptedChatModel.of("How long does shipping to Europe take?");
        ScriptedChatModel answerModel = ScriptedChatModel.of("Refunds take 14 days.", "3 to 5 days.");
        ConversationalRetrievalChain chain = ConversationalRetrievalChain.of(retriever,
                LlmChain.of(PromptTemplate.of("History:\n{chat_history}\nFollow-up: {question}\nStandalone:"), condense),
                StuffDocumentsChain.of(LlmChain.of(PromptTemplate.of("{context}\nQ: {standalone_question}"), answerModel)), memory);

        assertThat(chain.invoke(in("conversationId", "c1", "question", "How do refunds work?"))).isEqualTo("Refunds take 14 days.");
        assertThat(condense.requests()).as("no history yet, so no condensing").isEmpty();

        assertThat(chain.invoke(in("conversationId", "c1", "question", "And shipping to Europe?"))).isEqualTo("3 to 5 days.");
        assertThat(prompt(condense.lastRequest())).isEqualTo(
                "History:\nHuman: How do refunds work?\nAI: Refunds take 14 days.\nFollow-up: And shipping to Europe?\nStandalone:");
        assertThat(retriever.queries()).containsExactly("How do refunds work?", "How long does shipping to Europe take?");
        assertThat(prompt(answerModel.lastRequest())).contains("Shipping to Europe takes 3 to 5 days.")
                .endsWith("Q: How long does shipping to Europe take?");
        assertThat(memory.stored("c1")).containsExactly(
                UserMessage.from("How do refunds work?"), AiMessage.from("Refunds take 14 days."),
                UserMessage.from("And shipping to Europe?"), AiMessage.from("3 to 5 days."));
    }

    @Test
    @SuppressWarnings("unchecked")
    void conversationalRetrievalStreamsWithSourcesAndSavesTheAnswerText() {
        LockingMemory memory = new LockingMemory();
        ConversationalRetrievalChain chain = ConversationalRetrievalChain.of(retriever,
                LlmChain.of(PromptTemplate.of("{question}"), ScriptedChatModel.of()),
                StuffDocumentsChain.of(LlmChain.of(PromptTemplate.of("{context} {question}"), ScriptedChatModel.of("Opens at 9."))), memory)
                .withSources();

        List<Object> snapshots = chain.stream(in("conversationId", "c2", "question", "When does the shop open on weekdays?")).toList();

        Map<String, Object> last = (Map<String, Object>) snapshots.getLast();
        assertThat(last).containsEntry("answer", "Opens at 9.");
        assertThat(((List<Content>) last.get("sources")).getFirst().textSegment().text()).isEqualTo("Our shop opens at 9 on weekdays.");
        assertThat(memory.stored("c2")).containsExactly(UserMessage.from("When does the shop open on weekdays?"), AiMessage.from("Opens at 9."));
    }
}
