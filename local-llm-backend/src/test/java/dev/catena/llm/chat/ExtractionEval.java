package dev.catena.llm.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.catena.core.eval.EvalCase;
import dev.catena.core.eval.EvalDataset;
import dev.catena.core.eval.EvalReport;
import dev.catena.core.eval.EvalResult;
import dev.catena.core.eval.Evaluation;
import dev.catena.core.eval.Score;
import dev.catena.core.eval.Scorer;
import dev.catena.core.parser.JsonSchemaOutputParser;
import dev.catena.core.runnable.Runnables;
import dev.catena.llm.compute.kernel.KernelCompute;
import dev.catena.llm.model.Model;
import dev.catena.llm.sampling.SamplingParams;
import dev.langchain4j.model.chat.ChatModel;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Map;
import java.util.List;
import java.util.Locale;

/**
 * Structured output on a local model, for BENCHMARKS.md: {@code ExtractionEval FILE THREADS [LIMIT] [OUT_DIR]}. Each
 * prompt of {@code eval/extraction.jsonl} (a short text about a person) is extracted into a 5-field record, greedily,
 * with the JSON Schema as instructions in the prompt, once held to the schema by constrained decoding and once not
 * (the two alternate per prompt).
 * Prints, per mode, the share of answers that parse and validate against the schema and the share of fields equal
 * to the expected record's, and writes each mode's report as JSON.
 */
public final class ExtractionEval {

    /**
     * The record: every field required, nothing else. Strings are at most 64 characters, so that a constrained model
     * that does not close a value still ends within {@link #MAX_TOKENS}.
     */
    static final String SCHEMA = """
            {"type": "object", "properties": {"name": {"type": "string", "maxLength": 64}, "age": {"type": "integer"},
             "city": {"type": "string", "maxLength": 64}, "email": {"type": "string", "maxLength": 64},
             "subscribed": {"type": "boolean"}},
             "required": ["name", "age", "city", "email", "subscribed"], "additionalProperties": false}""";

    /** The most tokens of an answer. */
    static final int MAX_TOKENS = 128;

    private static final List<String> FIELDS = List.of("name", "age", "city", "email", "subscribed");

    private ExtractionEval() {
    }

    /** Passes when the answer validates; its value is the share of the expected fields it got right (0 when invalid). */
    static Scorer scorer(JsonSchemaOutputParser parser) {
        ObjectMapper json = new ObjectMapper();
        return (c, output) -> {
            JsonNode answer;
            try {
                answer = parser.parse(output);
            } catch (RuntimeException e) {
                return new Score(false, 0, "invalid: " + e.getMessage().lines().findFirst().orElse(""));
            }
            JsonNode expected;
            try {
                expected = json.readTree(c.expected());
            } catch (Exception e) {
                throw new IllegalArgumentException("case " + c.id() + ": expected is not JSON", e);
            }
            long right = FIELDS.stream().filter(f -> same(expected.get(f), answer.get(f))).count();
            return new Score(true, right / (double) FIELDS.size(), right + "/" + FIELDS.size() + " fields");
        };
    }

    private static boolean same(JsonNode expected, JsonNode actual) {
        if (actual == null) return false;
        if (expected.isTextual()) return actual.isTextual() && expected.asText().strip().equalsIgnoreCase(actual.asText().strip());
        return expected.equals(actual);
    }

    /** The prompt: the task, the schema and the text. */
    static String prompt(EvalCase c, JsonSchemaOutputParser parser) {
        return "Extract the person described in this text.\n\nText: " + c.input() + "\n\n" + parser.formatInstructions();
    }

    private static String mode(boolean constrained) {
        return constrained ? "constrained" : "unconstrained";
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int threads = Integer.parseInt(args[1]);
        int limit = args.length > 2 ? Integer.parseInt(args[2]) : Integer.MAX_VALUE;
        Path outDir = Path.of(args.length > 3 ? args[3] : "target/extraction-eval");
        List<EvalCase> cases;
        try (var in = ExtractionEval.class.getResourceAsStream("/eval/extraction.jsonl")) {
            cases = EvalDataset.parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines().toList(),
                    "eval/extraction.jsonl");
        }
        JsonSchemaOutputParser parser = JsonSchemaOutputParser.of(SCHEMA);
        List<EvalCase> prompts = cases.subList(0, Math.min(limit, cases.size())).stream()
                .map(c -> new EvalCase(c.id(), prompt(c, parser), c.expected(), c.fields())).toList();
        try (Model model = Model.load(file, KernelCompute.preferred(threads))) {
            LocalChatModel local = LocalChatModel.builder().model(model).sampling(SamplingParams.builder().temperature(0).build())
                    .maxTokens(MAX_TOKENS).build();
            String name = file.getFileName().toString();
            Map<Boolean, ChatModel> models = Map.of(true, parser.constrain(local), false, local);
            Map<Boolean, List<EvalResult>> results = Map.of(true, new ArrayList<>(), false, new ArrayList<>());
            Instant started = Instant.now();
            for (EvalCase c : prompts) { // the modes alternate per prompt, so a cut-short run still compares them
                for (boolean constrained : List.of(true, false)) {
                    EvalResult r = Evaluation.of(name, Runnables.<String, String>lambda(models.get(constrained)::chat), scorer(parser))
                            .run(List.of(c)).results().getFirst();
                    results.get(constrained).add(r);
                    System.out.printf(Locale.ROOT, "%s %s %s: %s (%d ms)%n", name, mode(constrained), c.id(), r.score().detail(),
                            r.latency().toMillis());
                }
            }
            for (boolean constrained : List.of(true, false)) {
                EvalReport report = new EvalReport(name + " " + mode(constrained), started, results.get(constrained));
                report.write(outDir.resolve(name + "-" + mode(constrained) + ".json"));
                System.out.printf(Locale.ROOT, "%s %s: %d/%d valid (%.0f%%), field accuracy %.1f%% (over all prompts)%n",
                        name, mode(constrained), report.passed(), report.total(), 100 * report.passRate(), 100 * report.meanScore());
            }
        }
    }
}
