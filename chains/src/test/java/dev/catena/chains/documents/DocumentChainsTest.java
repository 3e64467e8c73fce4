package dev.catena.chains.documents;

import dev.catena.chains.llm.LlmChain;
import dev.catena.core.prompt.PromptTemplate;
import dev.catena.testing.ScriptedChatModel;
import dev.langchain4j.data.document.Document;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.rag.content.Content;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.UnaryOperator;

import static dev.catena.chains.TestInputs.in;
import static dev.catena.chains.TestInputs.prompt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DocumentChainsTest {

    /** A model that answers every request (up to 20) with {@code fn} applied to the prompt. */
    private static ScriptedChatModel echo(UnaryOperator<String> fn) {
        ScriptedChatModel.Builder b = ScriptedChatModel.builder();
        for (int i = 0; i < 20; i++) b.replyWith(r -> AiMessage.from(fn.apply(prompt(r))));
        return b.build();
    }

    private static final List<Object> DOCS = List.of(
            Content.from("Apples are red."), TextSegment.from("Bananas are yellow."), Document.from("Cherries are dark."), "Dates are brown.");

    @Test
    void stuffPutsEveryDocumentIntoOnePrompt() {
        ScriptedChatModel model = ScriptedChatModel.of("Four fruits.");
        StuffDocumentsChain chain = StuffDocumentsChain.of(LlmChain.of(PromptTemplate.of("{context}\n---\n{question}"), model), "\n* ");

        assertThat(chain.invoke(in("documents", DOCS, "question", "How many fruits?"))).isEqualTo("Four fruits.");
        assertThat(prompt(model.lastRequest()))
                .isEqualTo("Apples are red.\n* Bananas are yellow.\n* Cherries are dark.\n* Dates are brown.\n---\nHow many fruits?");
    }

    @Test
    void stuffStreams() {
        StuffDocumentsChain chain = StuffDocumentsChain.of(LlmChain.of(PromptTemplate.of("{context}"), ScriptedChatModel.of("red and yellow")));
        assertThat(chain.stream(in("documents", DOCS)).toList()).containsExactly("red", " and", " yellow");
    }

    @Test
    void mapReduceMapsEveryDocumentThenReducesInOrder() {
        ScriptedChatModel mapModel = echo(p -> "S(" + p.substring(p.indexOf(':') + 2) + ")");
        ScriptedChatModel reduceModel = echo(p -> "R[" + p + "]");
        MapReduceDocumentsChain chain = MapReduceDocumentsChain.of(
                LlmChain.of(PromptTemplate.of("Summarize {topic}: {context}"), mapModel),
                LlmChain.of(PromptTemplate.of("{context}"), reduceModel), 2);

        Object out = chain.invoke(in("documents", DOCS, "topic", "fruit"));

        assertThat(out).isEqualTo("R[S(Apples are red.)\n\nS(Bananas are yellow.)\n\nS(Cherries are dark.)\n\nS(Dates are brown.)]");
        assertThat(mapModel.requests()).hasSize(4);
        assertThat(reduceModel.requests()).hasSize(1);
    }

    @Test
    void mapReduceCollapsesResultsThatAreTooLong() {
        ScriptedChatModel mapModel = echo(p -> "S(" + p + ")");
        ScriptedChatModel reduceModel = echo(p -> "R[" + p + "]");
        MapReduceDocumentsChain chain = MapReduceDocumentsChain.of(
                LlmChain.of(PromptTemplate.of("{context}"), mapModel),
                LlmChain.of(PromptTemplate.of("{context}"), reduceModel), 4, 12);

        Object out = chain.invoke(in("documents", List.of("a", "b", "c", "d")));

        // S(a) S(b) | S(c) S(d) fit 12 characters per group; the two group results are then reduced together,
        // and the final reduce combines that one result.
        assertThat(out).isEqualTo("R[R[R[S(a)\n\nS(b)]\n\nR[S(c)\n\nS(d)]]]");
        assertThat(reduceModel.requests()).hasSize(4);
    }

    @Test
    void mapReduceStreamsTheFinalReduce() {
        MapReduceDocumentsChain chain = MapReduceDocumentsChain.of(
                LlmChain.of(PromptTemplate.of("{context}"), echo(p -> "x")),
                LlmChain.of(PromptTemplate.of("{context}"), ScriptedChatModel.of("all fruit is tasty")), 2);
        assertThat(chain.stream(in("documents", DOCS)).toList()).containsExactly("all", " fruit", " is", " tasty");
    }

    @Test
    void refineCarriesTheAnswerThroughEveryDocument() {
        ScriptedChatModel initial = echo(p -> "A(" + p + ")");
        ScriptedChatModel refine = echo(p -> "A(" + p + ")");
        RefineDocumentsChain chain = RefineDocumentsChain.of(
                LlmChain.of(PromptTemplate.of("{context}"), initial),
                LlmChain.of(PromptTemplate.of("{existing_answer}+{context}"), refine));

        Object out = chain.invoke(in("documents", List.of("d1", "d2", "d3")));

        assertThat(out).isEqualTo("A(A(A(d1)+d2)+d3)");
        assertThat(initial.requests()).hasSize(1);
        assertThat(refine.requests()).hasSize(2);
    }

    @Test
    void refineStreamsTheLastRefinement() {
        RefineDocumentsChain chain = RefineDocumentsChain.of(
                LlmChain.of(PromptTemplate.of("{context}"), echo(p -> "first")),
                LlmChain.of(PromptTemplate.of("{existing_answer} {context}"), ScriptedChatModel.of("better", "best answer")));
        assertThat(chain.stream(in("documents", List.of("d1", "d2", "d3"))).toList()).containsExactly("best", " answer");
    }

    @Test
    void badDocumentsAreNamed() {
        StuffDocumentsChain chain = StuffDocumentsChain.of(LlmChain.of(PromptTemplate.of("{context}"), ScriptedChatModel.of("x")));
        assertThatThrownBy(() -> chain.invoke(in("documents", "not a list")))
                .hasMessageContaining("'documents' must be a list");
        assertThatThrownBy(() -> chain.invoke(in("documents", List.of("ok", 42))))
                .hasMessageContaining("'documents[1]' is not a document: Integer");
        RefineDocumentsChain refine = RefineDocumentsChain.of(chain, chain);
        assertThatThrownBy(() -> refine.invoke(in("documents", List.of()))).hasMessageContaining("got no documents");
    }
}
