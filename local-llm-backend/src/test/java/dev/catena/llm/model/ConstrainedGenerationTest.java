package dev.catena.llm.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.catena.llm.constraint.TokenConstraint;
import dev.catena.llm.constraint.grammar.Gbnf;
import dev.catena.llm.constraint.schema.JsonSchemaGrammar;
import dev.catena.llm.sampling.SamplingParams;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.catena.llm.model.ReferenceModels.ints;
import static dev.catena.llm.model.ReferenceModels.reference;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A random test model (whose free output is noise) writes only valid JSON under a schema constraint, greedy or
 * sampled with any seed: every output parses with Jackson and validates against the schema.
 */
class ConstrainedGenerationTest {

    static final String SCHEMA = """
            {"type": "object",
             "properties": {
               "id": {"type": "integer"},
               "name": {"type": "string", "maxLength": 6},
               "tags": {"type": "array", "items": {"enum": ["a", "b\\"c"]}, "maxItems": 3},
               "ok": {"type": "boolean"},
               "note": {"type": ["string", "null"], "maxLength": 4}
             },
             "required": ["id", "name"]}
            """;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Schema VALIDATOR = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
            .getSchema(SCHEMA, InputFormat.JSON);

    private static ReferenceModels.Loaded model;
    private static int[] prompt;
    private static TokenConstraint constraint;
    private final ByteTokenizer tokenizer = new ByteTokenizer();

    @BeforeContainer
    @org.junit.jupiter.api.BeforeAll
    static void load() {
        if (model == null) {
            model = ReferenceModels.load("llama-mha-f32", 2);
            prompt = ints(reference("llama-mha-f32").get("prompt"));
            constraint = TokenConstraint.of(JsonSchemaGrammar.compile(SCHEMA), new ByteTokenizer());
        }
    }

    @AfterContainer
    @org.junit.jupiter.api.AfterAll
    static void close() {
        if (model != null) {
            model.close();
            model = null;
        }
    }

    private GenerationResult generate(SamplingParams sampling, TokenConstraint c) {
        return new Generator(tokenizer).generate(new Session(model.transformer(), 1024), prompt,
                GenerationOptions.builder().maxTokens(900).sampling(sampling).constraint(c).build(), TokenListener.none());
    }

    static List<String> validate(String text) throws Exception {
        JsonNode node = JSON.readTree(text);
        return VALIDATOR.validate(node).stream().map(Error::toString).toList();
    }

    @Property(tries = 15)
    void everySampledOutputParsesAndValidates(@ForAll @LongRange(min = 0, max = 1_000_000) long seed) throws Exception {
        GenerationResult r = generate(SamplingParams.builder().temperature(1.5).topK(0).topP(1).minP(0).seed(seed)
                .build(), constraint);
        assertThat(r.finishReason()).as(r.text()).isEqualTo(GenerationResult.FinishReason.STOP_TOKEN);
        assertThat(validate(r.text())).as(r.text()).isEmpty();
    }

    @Test
    void greedyOutputParsesAndValidatesAndDiffersFromTheFreeOutput() throws Exception {
        GenerationResult constrained = generate(SamplingParams.greedy(), constraint);
        assertThat(validate(constrained.text())).as(constrained.text()).isEmpty();
        assertThat(constrained.text()).startsWith("{").contains("\"id\"");
        GenerationResult free = generate(SamplingParams.greedy(), null);
        assertThat(free.text()).doesNotStartWith("{");
    }

    @Test
    void aGbnfGrammarBoundsTheOutputAndEndsIt() {
        TokenConstraint yesNo = TokenConstraint.of(Gbnf.parse("root ::= (\"yes\" | \"no\") \"!\"{1,3}"), tokenizer);
        for (long seed = 0; seed < 5; seed++) {
            GenerationResult r = generate(SamplingParams.builder().temperature(1).seed(seed).build(), yesNo);
            assertThat(r.text()).matches("(yes|no)!{1,3}");
            assertThat(r.finishReason()).isEqualTo(GenerationResult.FinishReason.STOP_TOKEN);
        }
    }
}
