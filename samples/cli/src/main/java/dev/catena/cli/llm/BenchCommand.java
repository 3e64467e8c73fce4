package dev.catena.cli.llm;

import dev.catena.llm.compute.Compute;
import dev.catena.llm.compute.kernel.KernelBackends;
import dev.catena.llm.compute.kernel.KernelCompute;
import dev.catena.llm.compute.kernel.ThreadedCompute;
import dev.catena.llm.gguf.GgufFile;
import dev.catena.llm.model.KvCache;
import dev.catena.llm.model.ModelConfig;
import dev.catena.llm.model.Transformer;
import dev.catena.llm.model.Weights;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;

/**
 * {@code catena bench}: prompt (prefill) and generation speed of a model file, as medians of repeated
 * runs on seeded random token ids (no tokenizer needed). Each run prefills {@code --prompt-tokens} in one
 * batch into a fresh cache, then generates {@code --gen-tokens} one at a time. On a shared machine the
 * figures from process CPU time (tokens per CPU second per thread) show the speed the process would have
 * with its cores to itself; the process includes the JIT and GC threads.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure prompt and generation tokens per second of a GGUF model.")
public final class BenchCommand implements Callable<Integer> {

    @Option(names = {"-m", "--model"}, required = true, description = "The .gguf model file.")
    Path model;

    @Option(names = {"-t", "--threads"}, defaultValue = "1", description = "Compute threads (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--prompt-tokens", defaultValue = "128", description = "Prompt length (default: ${DEFAULT-VALUE}).")
    int promptTokens;

    @Option(names = {"-g", "--gen-tokens"}, defaultValue = "32", description = "Generated tokens (default: ${DEFAULT-VALUE}).")
    int genTokens;

    @Option(names = {"-r", "--repeat"}, defaultValue = "3", description = "Measured runs after one warm-up (default: ${DEFAULT-VALUE}).")
    int repeat;

    @Option(names = {"-k", "--kernels"}, description = "native, vector, scalar or float (default: the fastest available).")
    String kernels;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (threads < 1 || promptTokens < 1 || genTokens < 0 || repeat < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--threads, --prompt-tokens and --repeat must be at least 1, --gen-tokens at least 0");
        }
        try (GgufFile gguf = GgufFile.open(model);
             Compute compute = compute()) {
            String source = model.toString();
            ModelConfig config = ModelConfig.fromGguf(gguf.metadata(), source);
            Weights weights = Weights.load(config, n -> gguf.hasTensor(n) ? gguf.tensor(n) : null, source);
            Transformer t = new Transformer(config, weights, compute);
            String backend = compute instanceof KernelCompute kc ? kc.backend().description() : "float (ThreadedCompute)";
            out.printf(Locale.ROOT, "model %s, %d threads, kernels %s, prompt %d, gen %d, %d runs + 1 warm-up%n",
                    model.getFileName(), threads, backend, promptTokens, genTokens, repeat);
            out.flush();
            Random rnd = new Random(42);
            int vocab = weights.vocabularySize();
            double[] prompt = new double[repeat];
            double[] gen = new double[repeat];
            double[] promptCpu = new double[repeat];
            double[] genCpu = new double[repeat];
            KvCache cache = t.newCache(promptTokens + genTokens); // one conversation's cache, reused as a session pool does
            for (int run = -1; run < repeat; run++) {
                int[] tokens = rnd.ints(promptTokens, 0, vocab).toArray();
                cache.truncate(0);
                long c0 = cpuNanos();
                long t0 = System.nanoTime();
                t.forwardLast(tokens, 0, tokens.length, cache);
                long t1 = System.nanoTime();
                long c1 = cpuNanos();
                int[] next = new int[1];
                for (int i = 0; i < genTokens; i++) {
                    next[0] = rnd.nextInt(vocab);
                    t.forwardLast(next, 0, 1, cache);
                }
                long t2 = System.nanoTime();
                long c2 = cpuNanos();
                if (run >= 0) {
                    prompt[run] = promptTokens / ((t1 - t0) / 1e9);
                    gen[run] = genTokens / ((t2 - t1) / 1e9);
                    promptCpu[run] = promptTokens / ((c1 - c0) / 1e9 / threads);
                    genCpu[run] = genTokens / ((c2 - c1) / 1e9 / threads);
                    out.printf(Locale.ROOT, "run %d: prompt %.2f tok/s, generation %.2f tok/s (CPU-time based: %.2f, %.2f)%n",
                            run + 1, prompt[run], gen[run], promptCpu[run], genCpu[run]);
                    out.flush();
                }
            }
            out.printf(Locale.ROOT, "median: prompt %.2f tok/s, generation %.2f tok/s%n", median(prompt), median(gen));
            out.printf(Locale.ROOT, "median CPU-time based (tokens / (process CPU s / threads)): prompt %.2f tok/s, generation %.2f tok/s%n",
                    median(promptCpu), median(genCpu));
            long perToken = bytesReadPerToken(gguf);
            out.printf(Locale.ROOT, "weights read per generated token: %.1f MB (%.2f GB/s at the median generation speed)%n",
                    perToken / 1e6, perToken * median(gen) / 1e9);
            long kv = cache.storageBytes();
            long rss = residentBytes("VmRSS");
            if (rss >= 0) {
                out.printf(Locale.ROOT, "memory: resident %.0f MB (mapped files %.0f MB, other %.0f MB); file %.0f MB + KV cache %.0f MB + 200 MB = %.0f MB%n",
                        rss / 1e6, residentBytes("RssFile") / 1e6, residentBytes("RssAnon") / 1e6,
                        gguf.fileSize() / 1e6, kv / 1e6, (gguf.fileSize() + kv + 200_000_000L) / 1e6);
            }
            out.flush();
        }
        return 0;
    }

    private Compute compute() {
        if (kernels == null) {
            return KernelCompute.preferred(threads);
        }
        if (kernels.equalsIgnoreCase("float")) {
            return new ThreadedCompute(threads);
        }
        try {
            return new KernelCompute(threads, KernelBackends.byName(kernels));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--kernels: " + e.getMessage());
        }
    }

    /**
     * Bytes of weights one generation step streams from memory: every tensor but the token embedding
     * table (of which one row is read), unless that table is also the output matrix (tied embeddings).
     */
    static long bytesReadPerToken(GgufFile gguf) {
        boolean tied = !gguf.hasTensor("output.weight");
        long sum = 0;
        for (var info : gguf.tensorInfos()) {
            if (tied || !info.name().equals("token_embd.weight")) {
                sum += info.byteSize();
            }
        }
        return sum;
    }

    /** A resident size of this process from /proc/self/status ({@code VmRSS}, {@code RssFile}, ...), or -1 where there is none. */
    static long residentBytes(String field) {
        try {
            for (String line : java.nio.file.Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            // not Linux
        }
        return -1;
    }

    /** CPU time of the whole process (all threads), or wall time where the JVM cannot tell. */
    private static long cpuNanos() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os && os.getProcessCpuTime() >= 0) {
            return os.getProcessCpuTime();
        }
        return System.nanoTime();
    }

    static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}
