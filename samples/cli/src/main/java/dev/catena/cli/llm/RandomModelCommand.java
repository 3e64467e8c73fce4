package dev.catena.cli.llm;

import dev.catena.llm.tools.RandomLlama;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code catena model random --preset 1b --type Q4_K_M --seed 10 -o FILE}: writes a Llama-shaped model with
 * seeded random weights (see {@link RandomLlama}), for benchmarks and tests. The same seed, preset and type
 * give the same bytes whatever the thread count.
 */
@Command(name = "random", mixinStandardHelpOptions = true,
        description = "Write a Llama-shaped GGUF model with random weights (for benchmarks).")
public final class RandomModelCommand implements Callable<Integer> {

    @Option(names = {"-o", "--output"}, required = true, description = "The .gguf file to write (replaced if present).")
    Path output;

    @Option(names = "--preset", defaultValue = "1b",
            description = "Shape: 1b (TinyLlama 1.1B: 22 layers, dim 2048, 32 heads, 4 kv heads, ffn 5632, vocab 32000) "
                    + "or tiny (2 layers, dim 256) (default: ${DEFAULT-VALUE}).")
    String preset;

    @Option(names = {"-T", "--type"}, defaultValue = "Q4_K_M",
            description = "Q4_0, Q8_0 (every matrix) or Q4_K_M (llama.cpp's mix of Q4_K and Q6_K) (default: ${DEFAULT-VALUE}).")
    String type;

    @Option(names = "--seed", defaultValue = "10", description = "Seed of the weights (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = {"-t", "--threads"}, description = "Quantization threads (default: the available processors).")
    Integer threads;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        RandomLlama writer;
        try {
            int n = threads != null ? threads : Runtime.getRuntime().availableProcessors();
            writer = new RandomLlama(RandomLlama.preset(preset), RandomLlama.Mix.of(type), seed, n);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        long t0 = System.nanoTime();
        writer.write(output, tensor -> {
            err.println(tensor);
            err.flush();
        });
        out.printf(Locale.ROOT, "%s: %.1f MiB in %.1f s%n", output, output.toFile().length() / 1048576.0,
                (System.nanoTime() - t0) / 1e9);
        out.flush();
        return 0;
    }
}
