package dev.catena.llm.model;

import dev.catena.llm.compute.kernel.KernelCompute;
import dev.catena.testing.ExternalInputs;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.catena.llm.constraint.TokenConstraint;
import dev.catena.llm.constraint.schema.JsonSchemaGrammar;
import dev.catena.llm.sampling.SamplingParams;
import dev.langchain4j.data.message.UserMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The real Gemma 3 270M writes JSON valid against a schema under the constraint, greedy and sampled. */
class ConstrainedGemmaTest {

    static final String SCHEMA = """
            {"type": "object",
             "properties": {
               "name": {"type": "string", "maxLength": 40},
               "age": {"type": "integer"},
               "city": {"type": "string", "maxLength": 40},
               "languages": {"type": "array", "items": {"type": "string", "maxLength": 20}, "minItems": 1, "maxItems": 4}
             },
             "required": ["name", "age", "city", "languages"]}
            """;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Model model;

    @BeforeAll
    static void load() {
        model = Model.load(ExternalInputs.gemma(), KernelCompute.preferred(2));
    }

    @AfterAll
    static void close() {
        if (model != null) {
            model.close();
        }
    }

    private GenerationResult generate(SamplingParams sampling) {
        String prompt = model.template().render(List.of(UserMessage.from(
                "Maria is a 34 year old engineer from Lisbon who speaks Portuguese and English. "
                        + "Give her details as JSON.")), List.of(), true);
        TokenConstraint c = TokenConstraint.of(JsonSchemaGrammar.compile(SCHEMA), model.tokenizer());
        return model.generator().generate(model.newSession(1024), model.encodePrompt(prompt),
                GenerationOptions.builder().maxTokens(200).sampling(sampling).constraint(c)
                        .stopStrings(model.template().stopStrings()).build(), TokenListener.none());
    }

    private static List<String> validate(String text) throws Exception {
        JsonNode node = JSON.readTree(text);
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(SCHEMA, InputFormat.JSON)
                .validate(node).stream().map(Error::toString).toList();
    }

    @Test
    void greedyGenerationWritesValidJson() throws Exception {
        GenerationResult r = generate(SamplingParams.greedy());
        assertThat(r.finishReason()).as(r.text()).isEqualTo(GenerationResult.FinishReason.STOP_TOKEN);
        assertThat(validate(r.text())).as(r.text()).isEmpty();
        assertThat(JSON.readTree(r.text()).get("name").asText()).contains("Maria");
    }

    @Test
    void sampledGenerationWritesValidJson() throws Exception {
        GenerationResult r = generate(SamplingParams.builder().temperature(1.0).seed(1).build());
        assertThat(r.finishReason()).as(r.text()).isEqualTo(GenerationResult.FinishReason.STOP_TOKEN);
        assertThat(validate(r.text())).as(r.text()).isEmpty();
    }
}
