package dev.catena.retrievers.postretrieval;

import dev.catena.core.retrieval.Retriever;
import dev.catena.testing.ScriptedChatModel;
import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.langchain4j.model.output.Response;
import dev.langchain4j.model.scoring.ScoringModel;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.ContentMetadata;
import dev.langchain4j.rag.query.Query;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PostRetrievalTest {

    static final List<Content> RESULTS = List.of(
            Content.from(TextSegment.from("Billing happens monthly. Invoices arrive by email.", Metadata.from("source", "billing.md"))),
            Content.from(TextSegment.from("Photos upload over Wi-Fi.", Metadata.from("source", "mobile.md"))),
            Content.from(TextSegment.from("Refunds for yearly plans within 14 days.", Metadata.from("source", "refunds.md"))));

    static final Retriever BASE = q -> RESULTS;

    /** Scores a passage by how many query words it contains (a stand-in cross-encoder). */
    static final ScoringModel WORD_OVERLAP = new ScoringModel() {
        @Override
        public Response<List<Double>> scoreAll(List<TextSegment> segments, String query) {
            List<String> words = Arrays.asList(query.toLowerCase(Locale.ROOT).split("\\W+"));
            return Response.from(segments.stream().map(s -> (double) Arrays.stream(s.text().toLowerCase(Locale.ROOT)
                    .split("\\W+")).filter(words::contains).count()).toList());
        }
    };

    static List<String> sources(List<Content> contents) {
        return contents.stream().map(c -> c.textSegment().metadata().getString("source")).toList();
    }

    @Test
    void scoringModelRerankerReordersAndTrims() {
        Retriever reranked = PostProcessingRetriever.reranking(BASE, ScoringModelReranker.of(WORD_OVERLAP, 2, 1.0));
        List<Content> out = reranked.retrieve("refunds for yearly plans");
        assertThat(sources(out)).containsExactly("refunds.md");
        assertThat(out.getFirst().metadata().get(ContentMetadata.RERANKED_SCORE)).isEqualTo(4.0);
    }

    @Test
    void llmRerankerFollowsTheModelsOrder() {
        ScriptedChatModel llm = ScriptedChatModel.of("3, 1");
        List<Content> out = PostProcessingRetriever.reranking(BASE, LlmReranker.of(llm, 5)).retrieve("money back?");
        assertThat(sources(out)).containsExactly("refunds.md", "billing.md");
        assertThat(llm.requests()).hasSize(1);
        assertThat(LlmReranker.of(llm, 5).prompt("q", RESULTS)).contains("[2] Photos upload over Wi-Fi.");
        assertThatThrownBy(() -> LlmReranker.of(ScriptedChatModel.of("7, 9"), 2).process(Query.from("q"), RESULTS))
                .hasMessageContaining("between 1 and 3").hasMessageContaining("'7, 9'");
        assertThat(LlmReranker.of(ScriptedChatModel.of("None of them."), 2).process(Query.from("q"), RESULTS)).isEmpty();
    }

    @Test
    void llmCompressorKeepsOnlyRelevantExtracts() {
        ScriptedChatModel llm = ScriptedChatModel.of("Invoices arrive by email.", LlmExtractCompressor.NONE, LlmExtractCompressor.NONE);
        List<Content> out = PostProcessingRetriever.compressing(BASE, LlmExtractCompressor.of(llm)).retrieve("how do invoices arrive?");
        assertThat(out).hasSize(1);
        assertThat(out.getFirst().textSegment().text()).isEqualTo("Invoices arrive by email.");
        assertThat(out.getFirst().textSegment().metadata().getString("source")).isEqualTo("billing.md");
        assertThat(llm.remaining()).isZero();
    }

    @Test
    void embeddingsFilterDropsUnrelatedSentences() {
        List<Content> out = PostProcessingRetriever.compressing(BASE,
                EmbeddingsFilter.of(new AllMiniLmL6V2EmbeddingModel(), 0.5)).retrieve("Are invoices sent by email?");
        assertThat(sources(out)).containsExactly("billing.md");
        assertThat(out.getFirst().textSegment().text()).isEqualTo("Invoices arrive by email.");
    }
}
