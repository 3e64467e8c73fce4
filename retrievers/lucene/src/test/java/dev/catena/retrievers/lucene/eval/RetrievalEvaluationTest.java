package dev.catena.retrievers.lucene.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.catena.core.eval.EvalCase;
import dev.catena.core.retrieval.Retriever;
import dev.catena.retrievers.loader.MetadataKeys;
import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.rag.content.Content;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class RetrievalEvaluationTest {

    /** Returns, for query "q:a,b,c", passages from files a, b and c in that order. */
    private static final Retriever LISTED = query -> {
        String list = query.text().substring(query.text().indexOf(':') + 1);
        return list.isEmpty() ? List.of() : java.util.Arrays.stream(list.split(","))
                .map(f -> Content.from(TextSegment.from("passage of " + f, Metadata.from(MetadataKeys.SOURCE, f)))).toList();
    };

    private static EvalCase labelled(String id, String query, String expected, String language) {
        Map<String, JsonNode> fields = Map.of("language", TextNode.valueOf(language));
        return new EvalCase(id, query, expected, fields);
    }

    @Test
    void ranksAreScoredAsHitMrrAndNdcgPerGroup() {
        List<EvalCase> cases = List.of(
                labelled("1", "q:a,b,c", "a", "en"),        // rank 1
                labelled("2", "q:b,b,c,a", "a", "en"),      // b repeated keeps one place: rank 3
                labelled("3", "q:x,y,z,w,a", "a", "zh"),    // rank 5: beyond k = 3
                labelled("4", "q:", "a", "zh"));            // nothing found
        RetrievalReport report = RetrievalEvaluation.builder().name("listed").retriever(LISTED).k(3).build().run(cases);

        RankingMetrics en = report.byGroup().get("en");
        assertThat(en.cases()).isEqualTo(2);
        assertThat(en.hit1()).isEqualTo(0.5);
        assertThat(en.hitK()).isEqualTo(1.0);
        assertThat(en.mrr()).isCloseTo((1 + 1.0 / 3) / 2, within(1e-9));
        assertThat(en.ndcgK()).isCloseTo((1 + 1 / (Math.log(4) / Math.log(2))) / 2, within(1e-9));

        RankingMetrics zh = report.byGroup().get("zh");
        assertThat(zh.hitK()).isZero();
        assertThat(zh.mrr()).isCloseTo(0.2 / 2, within(1e-9));
        assertThat(zh.ndcgK()).isZero();

        assertThat(report.overall().cases()).isEqualTo(4);
        assertThat(report.overall().hit1()).isEqualTo(0.25);
        assertThat(report.report().results().get(1).output()).isEqualTo("b\nc\na");
        assertThat(report.report().passed()).isEqualTo(2); // the harness passes a case whose answer is in the top k
        assertThat(report.rows()).contains("| listed | en | 2 | 0.50 | 1.00 | 0.667 |").contains("| listed | all | 4 |");
    }

    @Test
    void severalRelevantDocumentsShareTheIdealGain() {
        EvalCase c = EvalCase.of("1", "q:a,x,b", "a|b");
        RetrievalReport report = RetrievalEvaluation.builder().name("two").retriever(LISTED).k(3).build().run(List.of(c));
        double ideal = 1 + 1 / (Math.log(3) / Math.log(2));
        assertThat(report.overall().ndcgK()).isCloseTo((1 + 1 / (Math.log(4) / Math.log(2))) / ideal, within(1e-9));
        assertThat(report.byGroup()).containsOnlyKeys("all");
    }

    @Test
    void aCaseWithoutItsDocumentIsRejectedBeforeAnyRetrieval() {
        EvalCase c = EvalCase.of("7", "q:a", " ");
        RetrievalEvaluation evaluation = RetrievalEvaluation.builder().name("x").retriever(query -> {
            throw new AssertionError("retrieved");
        }).build();
        assertThatThrownBy(() -> evaluation.run(List.of(c))).hasMessageContaining("case 7").hasMessageContaining("expected");
    }

    @Test
    void labelledQueriesComeFromTabSeparatedLinesWithTheirLanguage(@TempDir Path dir) throws Exception {
        Path tsv = dir.resolve("q.tsv");
        Files.writeString(tsv, "# comment\nHow long is shipping?\tshipping.md\t3 to 5\n退货有多少天？\tzh-returns.md\t30\n",
                StandardCharsets.UTF_8);
        List<EvalCase> cases = LabelledQueries.read(tsv);
        assertThat(cases).extracting(EvalCase::expected).containsExactly("shipping.md", "zh-returns.md");
        assertThat(cases).extracting(c -> c.field("language", "")).containsExactly("en", "zh");
        assertThat(cases.getFirst().field("answer", "")).isEqualTo("3 to 5");
        assertThat(cases.getFirst().id()).isEqualTo("2");

        Files.writeString(tsv, "only a query\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> LabelledQueries.read(tsv)).hasMessageContaining("q.tsv:1").hasMessageContaining("tab");

        Path jsonl = dir.resolve("q.jsonl");
        Files.writeString(jsonl, "{\"input\": \"保修期是多久？\", \"expected\": \"zh-warranty.md\"}\n", StandardCharsets.UTF_8);
        assertThat(LabelledQueries.read(jsonl).getFirst().field("language", "")).isEqualTo("zh");
    }
}
