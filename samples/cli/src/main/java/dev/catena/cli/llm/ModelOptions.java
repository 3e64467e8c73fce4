package dev.catena.cli.llm;

import dev.catena.llm.model.KvCacheType;
import dev.catena.llm.model.Model;
import dev.catena.llm.model.Session;
import dev.catena.llm.sampling.SamplingParams;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Options shared by {@code generate} and {@code chat}. */
final class ModelOptions {

    @Option(names = {"-m", "--model"}, required = true, description = "The .gguf model file.")
    Path model;

    @Option(names = "--max-tokens", defaultValue = "256", description = "Most tokens to generate (default: ${DEFAULT-VALUE}).")
    int maxTokens;

    @Option(names = "--temperature", defaultValue = "0.8", description = "Sampling temperature, 0 for greedy (default: ${DEFAULT-VALUE}).")
    double temperature;

    @Option(names = "--top-k", defaultValue = "40", description = "Top-k, 0 for all (default: ${DEFAULT-VALUE}).")
    int topK;

    @Option(names = "--top-p", defaultValue = "0.95", description = "Top-p (default: ${DEFAULT-VALUE}).")
    double topP;

    @Option(names = "--min-p", defaultValue = "0.05", description = "Min-p (default: ${DEFAULT-VALUE}).")
    double minP;

    @Option(names = "--repeat-penalty", defaultValue = "1.0", description = "Repetition penalty (default: ${DEFAULT-VALUE}).")
    double repeatPenalty;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = {"-t", "--threads"}, description = "Compute threads (default: available processors).")
    Integer threads;

    @Option(names = {"-c", "--ctx"}, description = "Context length (default: the model's, at most 4096).")
    Integer context;

    @Option(names = "--kv-cache", defaultValue = "f32", converter = KvCacheConverter.class,
            description = "KV cache storage: f32, f16 (half the memory) or q8_0 (default: ${DEFAULT-VALUE}).")
    KvCacheType kvCache;

    /** {@link KvCacheType#parse}, its message as picocli's error. */
    static final class KvCacheConverter implements CommandLine.ITypeConverter<KvCacheType> {
        @Override
        public KvCacheType convert(String value) {
            try {
                return KvCacheType.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** A session with the context and KV cache storage asked for. */
    Session newSession(Model model) {
        return model.newSession(context != null ? context : model.defaultContextLength(), kvCache);
    }

    SamplingParams sampling() {
        return SamplingParams.builder().temperature(temperature).topK(topK).topP(topP).minP(minP)
                .repetitionPenalty(repeatPenalty).seed(seed).build();
    }

    int threads() {
        return threads != null ? threads : Runtime.getRuntime().availableProcessors();
    }
}
