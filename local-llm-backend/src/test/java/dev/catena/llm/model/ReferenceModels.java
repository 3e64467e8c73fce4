package dev.catena.llm.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.catena.llm.compute.Compute;
import dev.catena.llm.compute.kernel.KernelBackends;
import dev.catena.llm.compute.kernel.KernelCompute;
import dev.catena.llm.compute.kernel.ThreadedCompute;
import dev.catena.llm.gguf.GgufFile;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * The random-weight test models under {@code src/test/resources/model} (written by
 * {@code src/test/reference/model/make_models.py}) and their reference data (written by
 * {@code reference_logits.py}: llama.cpp and a float64 numpy forward pass).
 */
final class ReferenceModels {

    static final String[] F32 = {"llama-mha-f32", "llama3-gqa-tied-f32", "qwen2-gqa-f32", "qwen3-mqa-f32", "gemma3-f32"};
    static final String[] QUANTIZED = {"llama-q8_0", "qwen2-q4_0-q5_0", "llama-q4_k-q6_k", "gemma3-q4_k-q6_k"};
    static final String[] ALL = java.util.stream.Stream.concat(java.util.Arrays.stream(F32),
            java.util.Arrays.stream(QUANTIZED)).toArray(String[]::new);

    private static final ObjectMapper JSON = new ObjectMapper();

    private ReferenceModels() {
    }

    static Path file(String name) {
        try {
            return Path.of(ReferenceModels.class.getResource("/model/" + name + ".gguf").toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("test model " + name + ".gguf is missing", e);
        }
    }

    static JsonNode reference(String name) {
        try (InputStream in = ReferenceModels.class.getResourceAsStream("/model/reference/" + name + ".json")) {
            if (in == null) {
                throw new IllegalStateException("reference data " + name + ".json is missing");
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A transformer over a test model, loaded without tokenizer (the tests feed token ids). */
    record Loaded(GgufFile gguf, Transformer transformer) implements AutoCloseable {
        @Override
        public void close() {
            transformer.compute().close();
            gguf.close();
        }
    }

    /** The kernels a test can run on: the float path of {@link ThreadedCompute}, then each usable integer backend. */
    static final String FLOAT = "float";

    static java.util.List<String> kernels() {
        java.util.List<String> out = new java.util.ArrayList<>();
        out.add(FLOAT);
        out.addAll(KernelBackends.available());
        return out;
    }

    static Loaded load(String name, int threads) {
        return load(file(name), threads);
    }

    static Loaded load(String name, int threads, String kernels) {
        return load(file(name), threads, kernels);
    }

    static Loaded load(Path path, int threads) {
        return load(path, threads, FLOAT);
    }

    /** A transformer on {@code kernels}: {@link #FLOAT} or a {@link KernelBackends} name. */
    static Loaded load(Path path, int threads, String kernels) {
        GgufFile gguf = GgufFile.open(path);
        ModelConfig config = ModelConfig.fromGguf(gguf.metadata(), path.toString());
        Weights weights = Weights.load(config, n -> gguf.hasTensor(n) ? gguf.tensor(n) : null, path.toString());
        Compute compute = kernels.equals(FLOAT) ? new ThreadedCompute(threads)
                : new KernelCompute(threads, KernelBackends.byName(kernels));
        return new Loaded(gguf, new Transformer(config, weights, compute));
    }

    static String sha256(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asInt();
        }
        return out;
    }

    static float[][] matrix(JsonNode rows) {
        float[][] out = new float[rows.size()][];
        for (int r = 0; r < out.length; r++) {
            JsonNode row = rows.get(r);
            out[r] = new float[row.size()];
            for (int i = 0; i < out[r].length; i++) {
                out[r][i] = (float) row.get(i).asDouble();
            }
        }
        return out;
    }

    /** max |a - b| over all entries, divided by the range of {@code reference}. */
    static double relativeMaxDiff(float[][] actual, float[][] reference) {
        double max = 0;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int r = 0; r < reference.length; r++) {
            for (int i = 0; i < reference[r].length; i++) {
                max = Math.max(max, Math.abs(actual[r][i] - reference[r][i]));
                lo = Math.min(lo, reference[r][i]);
                hi = Math.max(hi, reference[r][i]);
            }
        }
        return max / (hi - lo);
    }

    /** Greedy continuation: prefill {@code prompt} in one batch, then argmax one token at a time. */
    static int[] greedy(Transformer t, int[] prompt, int steps) {
        KvCache cache = t.newCache(prompt.length + steps);
        float[] logits = t.forward(prompt, cache, false)[0];
        int[] out = new int[steps];
        for (int i = 0; i < steps; i++) {
            out[i] = dev.catena.llm.sampling.Sampler.argmax(logits);
            if (i + 1 < steps) {
                logits = t.forward(new int[] {out[i]}, cache, false)[0];
            }
        }
        return out;
    }
}
