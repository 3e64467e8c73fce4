package dev.catena.llm.batch;

import dev.catena.llm.compute.kernel.KernelCompute;
import dev.catena.llm.model.GenerationOptions;
import dev.catena.llm.model.GenerationResult;
import dev.catena.llm.model.Model;
import dev.catena.llm.model.TokenListener;
import dev.catena.llm.sampling.SamplingParams;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Aggregate generation speed of continuous batching, for BENCHMARKS.md:
 * {@code BatchBench FILE THREADS GENERATED_TOKENS N...}. For each N, N requests (distinct prompts of 32 tokens,
 * greedy, no stop token) are submitted at once to a scheduler of N slots, after one warm-up round; prints the
 * aggregate generated tok/s over the whole run and over the decode phase (after the last first token), with the
 * load average (the machine may be shared).
 */
public final class BatchBench {

    private BatchBench() {
    }

    public static void main(String[] args) {
        Path file = Path.of(args[0]);
        int threads = Integer.parseInt(args[1]);
        int generated = Integer.parseInt(args[2]);
        try (Model model = Model.load(file, KernelCompute.preferred(threads))) {
            for (int a = 3; a < args.length; a++) {
                int n = Integer.parseInt(args[a]);
                try (BatchScheduler s = new BatchScheduler(model, BatchConfig.of(n, 256))) {
                    run(s, n, 4); // warm-up
                    double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
                    long t0 = System.nanoTime();
                    long[] marks = run(s, n, generated);
                    long t1 = System.nanoTime();
                    double all = marks[1] / ((t1 - t0) / 1e9);
                    double decode = (marks[1] - n) / ((t1 - marks[0]) / 1e9);
                    System.out.printf(Locale.ROOT, "%s threads=%d streams=%d gen<=%d: aggregate %.1f tok/s, decode phase"
                                    + " %.1f tok/s, %d steps, load average %.1f%n", file.getFileName(), threads, n,
                            generated, all, decode, s.metrics().steps(), load);
                }
            }
        }
    }

    /** Runs n requests at once; returns {when the last of them got its first token, tokens generated}. */
    private static long[] run(BatchScheduler s, int n, int generated) {
        AtomicLong lastFirst = new AtomicLong();
        List<GenerationHandle> handles = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int[] prompt = new int[32];
            for (int j = 0; j < prompt.length; j++) {
                prompt[j] = 1000 + (i * 131 + j * 7) % 1500;
            }
            boolean[] first = {true};
            GenerationOptions options = GenerationOptions.builder().maxTokens(generated)
                    .sampling(SamplingParams.greedy()).stopTokens(java.util.Set.of()).build();
            handles.add(s.submit(prompt, options, (token, text) -> {
                if (first[0]) {
                    first[0] = false;
                    lastFirst.accumulateAndGet(System.nanoTime(), Math::max);
                }
            }));
        }
        long tokens = 0;
        for (GenerationHandle h : handles) {
            GenerationResult r = h.await();
            tokens += r.tokens().length;
        }
        return new long[] {lastFirst.get(), tokens};
    }
}
