package dev.catena.llm.model;

import dev.catena.llm.sampling.Sampler;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Prompt and generation speed of the forward pass, independent of the tokenizer (fixed token ids), for
 * BENCHMARKS.md: {@code GenerationBench FILE THREADS [PROMPT_TOKENS] [GENERATED_TOKENS]}.
 * Prints one line with prompt tok/s (one batched prefill) and generation tok/s (greedy, one token at a time).
 */
public final class GenerationBench {

    private GenerationBench() {
    }

    public static void main(String[] args) {
        Path file = Path.of(args[0]);
        int threads = Integer.parseInt(args[1]);
        int promptTokens = args.length > 2 ? Integer.parseInt(args[2]) : 32;
        int generated = args.length > 3 ? Integer.parseInt(args[3]) : 32;
        try (ReferenceModels.Loaded m = ReferenceModels.load(file, threads)) {
            Transformer t = m.transformer();
            int[] prompt = new int[promptTokens];
            for (int i = 0; i < promptTokens; i++) {
                prompt[i] = 100 + i * 7 % 150;
            }
            t.forward(new int[] {1, 2}, t.newCache(4), false); // warm-up
            KvCache cache = t.newCache(promptTokens + generated);
            long t0 = System.nanoTime();
            float[] logits = t.forward(prompt, cache, false)[0];
            long t1 = System.nanoTime();
            for (int i = 0; i < generated; i++) {
                logits = t.forward(new int[] {Sampler.argmax(logits)}, cache, false)[0];
            }
            long t2 = System.nanoTime();
            System.out.printf(Locale.ROOT, "%s threads=%d prompt %d tok %.2f tok/s | generation %d tok %.2f tok/s%n",
                    file.getFileName(), threads, promptTokens, promptTokens / ((t1 - t0) / 1e9),
                    generated, generated / ((t2 - t1) / 1e9));
        }
    }
}
