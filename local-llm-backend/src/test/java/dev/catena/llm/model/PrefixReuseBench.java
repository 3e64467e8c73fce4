package dev.catena.llm.model;

import dev.catena.llm.compute.kernel.KernelCompute;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

/**
 * Issue 8's prefix-reuse figure: a ReAct-like loop of 5 iterations over a long prompt. Each iteration's
 * prompt is the previous one plus the model's turn (40 tokens) and an observation (20 tokens). Prints
 * the prefill time with one kept session (only the new suffix is computed) and with a fresh session per
 * iteration, and their ratio: {@code PrefixReuseBench FILE THREADS [PROMPT_TOKENS]}.
 */
public final class PrefixReuseBench {

    private PrefixReuseBench() {
    }

    public static void main(String[] args) {
        Path file = Path.of(args[0]);
        int threads = Integer.parseInt(args[1]);
        int promptTokens = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
        Model model = Model.load(file, KernelCompute.preferred(threads));
        try (model) {
            Random random = new Random(7);
            int[][] prompts = new int[5][];
            int[] prompt = random.ints(promptTokens, 100, 5000).toArray();
            for (int i = 0; i < 5; i++) {
                prompts[i] = prompt;
                int[] grown = Arrays.copyOf(prompt, prompt.length + 60);
                for (int j = prompt.length; j < grown.length; j++) grown[j] = 100 + random.nextInt(4900);
                prompt = grown;
            }
            int context = prompts[4].length + 8;
            for (int round = 0; round < 3; round++) { // warm-up: the JIT compiles the long-prompt and suffix paths too
                Session warm = model.newSession(context);
                warm.prefill(prompts[0]);
                warm.prefill(prompts[1]);
            }
            long reuse = 0;
            Session kept = model.newSession(context);
            for (int[] p : prompts) {
                long t = System.nanoTime();
                kept.prefill(p);
                reuse += System.nanoTime() - t;
            }
            long fresh = 0;
            for (int[] p : prompts) {
                Session s = model.newSession(context);
                long t = System.nanoTime();
                s.prefill(p);
                fresh += System.nanoTime() - t;
            }
            System.out.printf(Locale.ROOT, "%s threads=%d prompt %d tokens, 5 iterations: prefill with reuse %.2f s, "
                    + "without %.2f s, ratio %.1f %%%n", file.getFileName(), threads, promptTokens, reuse / 1e9, fresh / 1e9,
                    100.0 * reuse / fresh);
        }
    }
}
