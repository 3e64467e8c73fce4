package dev.catena.core.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.catena.core.model.ChatModelRunnable;
import dev.catena.core.runnable.Runnable;
import dev.catena.core.runnable.Runnables;
import dev.catena.core.support.FakeChatModel;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.ChatModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EvaluationTest {

    @Test
    void datasetLinesBecomeCasesWithTheirExtraFields(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("cases.jsonl"), """
                # a comment
                {"id": "add", "input": "2+2", "expected": "4", "kind": "calculator"}

                {"input": "json please", "expected": {"type": "object"}}
                """);
        List<EvalCase> cases = EvalDataset.read(file);
        assertThat(cases).extracting(EvalCase::id).containsExactly("add", "4");
        assertThat(cases.getFirst().field("kind", "")).isEqualTo("calculator");
        assertThat(cases.get(1).expected()).isEqualTo("{\"type\":\"object\"}");
        assertThat(cases.get(1).field("kind", "none")).isEqualTo("none");
    }

    @Test
    void badDatasetLinesAreErrorsNamingFileAndLine(@TempDir Path dir) throws Exception {
        Path noInput = Files.writeString(dir.resolve("a.jsonl"), "{\"input\": \"x\"}\n{\"expected\": \"y\"}\n");
        assertThatThrownBy(() -> EvalDataset.read(noInput)).hasMessage(noInput + ":2: needs a string 'input'");
        Path broken = Files.writeString(dir.resolve("b.jsonl"), "{\"input\": \"x\"\n");
        assertThatThrownBy(() -> EvalDataset.read(broken)).hasMessageStartingWith(broken + ":1: not a JSON object");
        Path twice = Files.writeString(dir.resolve("c.jsonl"), "{\"id\": \"q\", \"input\": \"x\"}\n{\"id\": \"q\", \"input\": \"y\"}\n");
        assertThatThrownBy(() -> EvalDataset.read(twice)).hasMessage(twice + ":2: id 'q' is used twice");
        Path empty = Files.writeString(dir.resolve("d.jsonl"), "# nothing\n");
        assertThatThrownBy(() -> EvalDataset.read(empty)).hasMessage(empty + ": the dataset has no cases");
    }

    @Test
    void builtInScorers() {
        EvalCase four = EvalCase.of("q", "2+2", "4");
        assertThat(Scorer.exact().score(four, " 4\n").passed()).isTrue();
        assertThat(Scorer.exact().score(four, "4.0").passed()).isFalse();
        assertThat(Scorer.contains().score(EvalCase.of("q", "x", "Paris"), "It is paris.").passed()).isTrue();
        assertThat(Scorer.contains().score(EvalCase.of("q", "x", "Paris"), "Lyon").passed()).isFalse();

        Scorer numeric = Scorer.numeric(0.01);
        assertThat(numeric.score(four, "2 plus 2 is 4.").passed()).as("the last number counts").isTrue();
        assertThat(numeric.score(four, "4 plus 1 is 5").passed()).isFalse();
        assertThat(numeric.score(EvalCase.of("q", "x", "1250"), "It costs 1,250.00 dollars").passed()).isTrue();
        assertThat(numeric.score(EvalCase.of("q", "x", "1000"), "about 1009").passed()).as("relative to the size").isTrue();
        assertThat(numeric.score(EvalCase.of("q", "x", "0.5"), "0.52").passed()).as("absolute below 1").isFalse();
        assertThat(numeric.score(four, "no idea").detail()).isEqualTo("no number in the output");
        assertThatThrownBy(() -> numeric.score(EvalCase.of("q", "x", "four"), "4")).hasMessageContaining("case q: expected 'four' is not a number");

        Scorer schema = Scorer.jsonSchema("""
                {"type": "object", "required": ["city"], "properties": {"city": {"type": "string"}}}""");
        assertThat(schema.score(four, "{\"city\": \"Paris\"}").passed()).isTrue();
        assertThat(schema.score(four, "{\"city\": 3}").passed()).isFalse();
        assertThat(schema.score(four, "{\"town\": \"Paris\"}").detail()).contains("city");
        assertThat(schema.score(four, "Paris").detail()).isEqualTo("not JSON");
    }

    @Test
    void aRunScoresEveryCaseCountsTokensAndKeepsGoingAfterAnError(@TempDir Path dir) throws Exception {
        FakeChatModel model = FakeChatModel.replies("Paris", "Rome is the capital");
        Runnable<String, AiMessage> failing = Runnables.<String, Object>lambda(q -> {
            if (q.contains("boom")) throw new IllegalStateException("model server down");
            return q;
        }).pipe(ChatModelRunnable.of((ChatModel) model));
        List<EvalCase> cases = List.of(EvalCase.of("fr", "Capital of France?", "Paris"), EvalCase.of("boom", "boom", "x"),
                EvalCase.of("it", "Capital of Italy?", "Milan"));

        EvalReport report = Evaluation.of("capitals", failing, Scorer.contains()).outputText(AiMessage::text).run(cases);

        assertThat(report.results()).extracting(r -> r.score().passed()).containsExactly(true, false, false);
        assertThat(report.results()).extracting(EvalResult::output).containsExactly("Paris", "", "Rome is the capital");
        assertThat(report.results().get(1).error()).isEqualTo("IllegalStateException: model server down");
        assertThat(report.results()).extracting(EvalResult::inputTokens).containsExactly(3L, 0L, 3L);
        assertThat(report.results()).extracting(EvalResult::outputTokens).containsExactly(5L, 0L, 5L);
        assertThat(report.passed()).isEqualTo(1);
        assertThat(report.passRate()).isEqualTo(1.0 / 3);
        assertThat(report.outputTokens()).isEqualTo(10);
        assertThat(report.table()).contains("fr ", "boom", "error: IllegalStateException: model server down")
                .contains("capitals: 1/3 passed (33.3%)");

        Path json = dir.resolve("out/report.json");
        report.write(json);
        JsonNode written = new ObjectMapper().readTree(json.toFile());
        assertThat(written.get("passed").asInt()).isEqualTo(1);
        assertThat(written.get("cases").get(2).get("output").asText()).isEqualTo("Rome is the capital");
        assertThat(written.get("cases").get(1).get("error").asText()).contains("model server down");
    }

    @Test
    void aCustomScorerIsALambda() {
        Scorer shortAnswer = (c, output) -> output.length() <= Integer.parseInt(c.field("maxLength", "10"))
                ? Score.pass("short") : Score.fail("too long");
        EvalReport report = Evaluation.of("short", Runnables.lambda((String s) -> s.repeat(3)), shortAnswer)
                .run(List.of(EvalCase.of("a", "ab", ""), EvalCase.of("b", "abcd", "")));
        assertThat(report.results()).extracting(r -> r.score().passed()).containsExactly(true, false);
    }
}
