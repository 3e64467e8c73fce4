package dev.catena.llm.model;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static dev.catena.llm.model.ReferenceModels.ints;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every weight type on real weights written by an independent writer: SmolLM2 135M Instruct requantized
 * by llama.cpp's own quantizer ({@code benchmarks/local-llm/requant.py}) into each type Catena runs,
 * greedy tokens against llama.cpp's on the same file, on every kernel backend. Making the files needs
 * llama.cpp (a 20-40 minute build) and the 60 runs take minutes, so this runs on demand: with
 * {@code CATENA_REQUANT_DIR} naming requant.py's output folder (by default
 * {@code ~/.cache/catena/models/requant}); without it every case is skipped. The decoding of each type is
 * checked bit for bit without the files by {@code TensorReferenceTest}.
 */
class RequantizedSmolLmTest {

    static final JsonNode REF = ReferenceModels.reference("smollm2-requantized");

    static Path dir() {
        String dir = System.getenv("CATENA_REQUANT_DIR");
        assumeTrue(dir != null && !dir.isBlank(), "CATENA_REQUANT_DIR not set (the folder of benchmarks/local-llm/requant.py's files); skipping");
        return Path.of(dir);
    }

    /** Each file on each kernel backend, or on those listed in {@code CATENA_REQUANT_KERNELS} (e.g. {@code float,native}). */
    static List<Arguments> cases() {
        String only = System.getenv("CATENA_REQUANT_KERNELS");
        List<String> kernels = ReferenceModels.kernels().stream()
                .filter(k -> only == null || only.isBlank() || List.of(only.split(",")).contains(k)).toList();
        List<Arguments> out = new ArrayList<>();
        for (Iterator<String> it = REF.get("files").fieldNames(); it.hasNext(); ) {
            String name = it.next();
            for (String k : kernels) {
                out.add(Arguments.of(name, k));
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("cases")
    void greedyTokensMatchLlamaCpp(String name, String kernels) {
        JsonNode ref = REF.get("files").get(name);
        Path file = dir().resolve(name);
        assumeTrue(Files.isRegularFile(file), file + " absent (write it with benchmarks/local-llm/requant.py); skipping");
        assumeTrue(ReferenceModels.sha256(file).equals(ref.get("sha256").asText()),
                file + " is not the file the reference was computed on (SHA-256 differs); skipping");
        try (ReferenceModels.Loaded m = ReferenceModels.load(file, 2, kernels)) {
            for (Iterator<Map.Entry<String, JsonNode>> it = ref.get("tensor_types").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                long count = m.gguf().tensorInfos().stream().filter(t -> t.type().name().equals(e.getKey())).count();
                assertThat(count).as(name + " tensors of type " + e.getKey()).isEqualTo(e.getValue().asLong());
            }
            int[] tokens = ReferenceModels.greedy(m.transformer(), ints(REF.get("prompt")), SmolLmReference.steps(ref));
            SmolLmReference.assertGreedyUntilNearTie(name + " on " + kernels, tokens, ref);
        }
    }
}
