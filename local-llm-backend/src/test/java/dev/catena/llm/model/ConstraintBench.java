package dev.catena.llm.model;

import dev.catena.llm.compute.kernel.KernelCompute;
import dev.catena.llm.constraint.ConstraintMatcher;
import dev.catena.llm.constraint.TokenConstraint;
import dev.catena.llm.constraint.schema.JsonSchemaGrammar;
import dev.catena.llm.sampling.SamplingParams;
import dev.langchain4j.data.message.UserMessage;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The cost of a JSON Schema constraint, for BENCHMARKS.md: {@code ConstraintBench FILE THREADS [TOKENS] [ROUNDS]}.
 * Generates greedily from the same chat prompt with and without the constraint, alternating, and prints the decode
 * tok/s of each (tokens over decode time, so the constrained run's earlier end does not count), then the time of
 * one mask computed cold (a state met for the first time: one walk of the vocabulary trie) and warm (cached).
 */
public final class ConstraintBench {

    static final String SCHEMA = """
            {"type": "object", "properties": {
              "title": {"type": "string"}, "year": {"type": "integer"},
              "tags": {"type": "array", "items": {"type": "string"}}, "summary": {"type": "string"}},
             "required": ["title", "year", "tags", "summary"]}
            """;

    private ConstraintBench() {
    }

    public static void main(String[] args) {
        Path file = Path.of(args[0]);
        int threads = Integer.parseInt(args[1]);
        int tokens = args.length > 2 ? Integer.parseInt(args[2]) : 64;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        try (Model model = Model.load(file, KernelCompute.preferred(threads))) {
            String text = model.template().render(List.of(UserMessage.from(
                    "Describe the film Casablanca as JSON with a long summary.")), List.of(), true);
            int[] prompt = model.encodePrompt(text);
            long v0 = System.nanoTime();
            dev.catena.llm.constraint.TokenVocabulary.of(model.tokenizer());
            long c0 = System.nanoTime();
            TokenConstraint constraint = TokenConstraint.of(JsonSchemaGrammar.compile(SCHEMA), model.tokenizer());
            long c1 = System.nanoTime();
            System.out.printf(Locale.ROOT, "vocabulary of %d tokens and its trie built in %.1f ms (once per tokenizer);"
                    + " constraint compiled and checked in %.1f ms%n", model.tokenizer().vocabularySize(),
                    (c0 - v0) / 1e6, (c1 - c0) / 1e6);
            double[] free = new double[2];
            double[] constrained = new double[2];
            for (int round = 0; round <= rounds; round++) { // round 0 warms up
                GenerationResult a = run(model, prompt, tokens, null);
                GenerationResult b = run(model, prompt, tokens, constraint);
                if (round > 0) {
                    free[0] += a.tokens().length;
                    free[1] += a.generationNanos();
                    constrained[0] += b.tokens().length;
                    constrained[1] += b.generationNanos();
                }
                if (round == rounds) {
                    System.out.println("constrained output: " + b.text().replace("\n", "\\n"));
                }
            }
            double freeRate = free[0] / (free[1] / 1e9);
            double constrainedRate = constrained[0] / (constrained[1] / 1e9);
            System.out.printf(Locale.ROOT, "%s threads=%d unconstrained %.2f tok/s | JSON Schema constrained %.2f tok/s"
                    + " (%.1f %%)%n", file.getFileName(), threads, freeRate, constrainedRate, 100 * constrainedRate / freeRate);
            maskCost(model, constraint);
        }
    }

    private static GenerationResult run(Model model, int[] prompt, int tokens, TokenConstraint c) {
        return model.generator().generate(model.newSession(prompt.length + tokens + 8), prompt,
                GenerationOptions.builder().maxTokens(tokens).sampling(SamplingParams.greedy()).constraint(c).build(),
                TokenListener.none());
    }

    /** A fresh constraint walked along a fixed document: the first mask of each state is cold, repeats are warm. */
    private static void maskCost(Model model, TokenConstraint shared) {
        TokenConstraint fresh = TokenConstraint.of(shared.grammar(), model.tokenizer());
        int[] doc = model.tokenizer().encode("{\"title\": \"Casablanca\", \"year\": 1942, \"tags\": [\"drama\", "
                + "\"war\"], \"summary\": \"A cynical nightclub owner in Casablanca meets an old flame.\"}");
        long cold = 0;
        long warm = 0;
        long applied = 0;
        float[] logits = new float[model.tokenizer().vocabularySize()];
        for (int pass = 0; pass < 3; pass++) {
            ConstraintMatcher m = fresh.newMatcher();
            for (int t : doc) {
                long s = System.nanoTime();
                var mask = m.allowed();
                m.accept(t);
                long e = System.nanoTime();
                java.util.Arrays.fill(logits, 1f);
                long a0 = System.nanoTime();
                mask.apply(logits);
                long a1 = System.nanoTime();
                if (pass == 0) {
                    cold += e - s;
                } else if (pass == 2) {
                    warm += e - s;
                    applied += a1 - a0;
                }
            }
        }
        System.out.printf(Locale.ROOT, "constraint per step over %d tokens: first pass %.3f ms (new states: trie walks),"
                + " later pass %.4f ms (cached mask and advance) + %.3f ms to mask %d logits%n", doc.length,
                cold / 1e6 / doc.length, warm / 1e6 / doc.length, applied / 1e6 / doc.length, logits.length);
    }
}
