package dev.catena.llm.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.catena.core.eval.EvalCase;
import dev.catena.core.eval.EvalDataset;
import dev.catena.core.eval.Score;
import dev.catena.core.parser.JsonSchemaOutputParser;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The extraction dataset is sound and the extraction scorer grades validity and fields. */
class ExtractionEvalTest {

    private final JsonSchemaOutputParser parser = JsonSchemaOutputParser.of(ExtractionEval.SCHEMA);

    private static List<EvalCase> cases() throws Exception {
        try (InputStream in = ExtractionEvalTest.class.getResourceAsStream("/eval/extraction.jsonl")) {
            return EvalDataset.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList(), "extraction.jsonl");
        }
    }

    @Test
    void fiftyPromptsWhoseExpectedRecordsValidateAndAreStatedInTheText() throws Exception {
        List<EvalCase> cases = cases();
        assertThat(cases).hasSize(50);
        ObjectMapper json = new ObjectMapper();
        for (EvalCase c : cases) {
            JsonNode expected = parser.parse(c.expected());
            assertThat(c.input()).as(c.id()).contains(expected.get("name").asText(), expected.get("city").asText(),
                    expected.get("email").asText(), String.valueOf(expected.get("age").asInt()));
            assertThat(ExtractionEval.scorer(parser).score(c, json.writeValueAsString(expected)).value()).as(c.id()).isEqualTo(1.0);
        }
    }

    @Test
    void anInvalidAnswerFailsAndAValidOneIsGradedByItsFields() throws Exception {
        EvalCase c = cases().getFirst();
        Score invalid = ExtractionEval.scorer(parser).score(c, "{\"name\": \"Quinn Lindqvist\", \"age\": \"seventy\"}");
        assertThat(invalid.passed()).isFalse();
        assertThat(invalid.value()).isZero();

        Score partial = ExtractionEval.scorer(parser).score(c, """
                {"name": "quinn lindqvist", "age": 71, "city": "Turin", "email": "x@y.example", "subscribed": true}""");
        assertThat(partial.passed()).isTrue();
        assertThat(partial.value()).isEqualTo(0.6);
    }
}
