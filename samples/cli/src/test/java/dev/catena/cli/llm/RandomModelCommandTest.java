package dev.catena.cli.llm;

import dev.catena.llm.tools.RandomLlama;
import dev.catena.llm.compute.kernel.KernelCompute;
import dev.catena.llm.gguf.GgufFile;
import dev.catena.llm.gguf.GgufTensorInfo;
import dev.catena.llm.model.GenerationOptions;
import dev.catena.llm.model.GenerationResult;
import dev.catena.llm.model.Model;
import dev.catena.llm.model.TokenListener;
import dev.catena.llm.sampling.SamplingParams;
import dev.catena.llm.tensor.GgmlType;
import dev.catena.llm.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

/** {@code catena model random}: the tiny preset in each type loads, generates, and has the tensor types asked for. */
class RandomModelCommandTest extends CliTest {

    private static Map<String, GgmlType> types(Path file) {
        Map<String, GgmlType> types = new LinkedHashMap<>();
        try (GgufFile g = GgufFile.open(file)) {
            for (GgufTensorInfo t : g.tensorInfos()) {
                types.put(t.name(), t.type());
            }
        }
        return types;
    }

    @ParameterizedTest
    @ValueSource(strings = {"Q4_0", "Q8_0", "Q4_K_M"})
    void theTinyPresetLoadsAndGeneratesVariedTokens(String type, @TempDir Path dir) {
        Path file = dir.resolve("tiny.gguf");
        assertThat(run("model", "random", "--preset", "tiny", "--type", type, "--seed", "3", "--threads", "2",
                "-o", file.toString())).as(console.err()).isZero();
        assertThat(console.out()).contains("tiny.gguf");
        assertThat(console.err()).contains("token_embd.weight").contains("blk.1.ffn_down.weight");

        Map<String, GgmlType> types = types(file);
        assertThat(types).hasSize(3 + 2 * 9);
        assertThat(types.get("output_norm.weight")).isEqualTo(GgmlType.F32);
        assertThat(types.get("blk.0.attn_norm.weight")).isEqualTo(GgmlType.F32);
        assertThat(types.get("blk.1.ffn_norm.weight")).isEqualTo(GgmlType.F32);
        switch (type) {
            case "Q4_0", "Q8_0" -> types.entrySet().stream().filter(e -> !e.getKey().contains("norm"))
                    .forEach(e -> assertThat(e.getValue()).as(e.getKey()).isEqualTo(GgmlType.valueOf(type)));
            default -> {
                // llama.cpp's Q4_K_M for 2 layers: use_more_bits picks layer 1 (>= 7 * 2 / 8) only
                assertThat(types.get("token_embd.weight")).isEqualTo(GgmlType.Q4_K);
                assertThat(types.get("output.weight")).isEqualTo(GgmlType.Q6_K);
                for (String m : new String[] {"attn_q", "attn_k", "attn_output", "ffn_gate", "ffn_up"}) {
                    assertThat(types.get("blk.0." + m + ".weight")).as(m).isEqualTo(GgmlType.Q4_K);
                    assertThat(types.get("blk.1." + m + ".weight")).as(m).isEqualTo(GgmlType.Q4_K);
                }
                assertThat(types.get("blk.0.attn_v.weight")).isEqualTo(GgmlType.Q4_K);
                assertThat(types.get("blk.0.ffn_down.weight")).isEqualTo(GgmlType.Q4_K);
                assertThat(types.get("blk.1.attn_v.weight")).isEqualTo(GgmlType.Q6_K);
                assertThat(types.get("blk.1.ffn_down.weight")).isEqualTo(GgmlType.Q6_K);
            }
        }

        try (Model model = Model.load(file, KernelCompute.preferred(1))) {
            assertThat(model.config().layers()).isEqualTo(2);
            int[] prompt = model.encodePrompt("Hello there, the weather is");
            GenerationResult r = model.generator().generate(model.newSession(128), prompt,
                    GenerationOptions.builder().maxTokens(16).sampling(SamplingParams.greedy()).build(),
                    TokenListener.none());
            assertThat(r.tokens()).hasSize(16);
            assertThat(Arrays.stream(r.tokens()).distinct().count()).as(Arrays.toString(r.tokens())).isGreaterThanOrEqualTo(4);
        }
    }

    @Test
    void weightsAreUniformWithinTheirScaleAndTheFileDoesNotDependOnThreads(@TempDir Path dir) throws IOException {
        Path one = dir.resolve("one.gguf");
        Path three = dir.resolve("three.gguf");
        assertThat(run("model", "random", "--preset", "tiny", "-T", "q4_k_m", "--seed", "5", "-t", "1", "-o", one.toString())).isZero();
        assertThat(run("model", "random", "--preset", "tiny", "-T", "q4_k_m", "--seed", "5", "-t", "3", "-o", three.toString())).isZero();
        assertThat(Files.mismatch(one, three)).isEqualTo(-1L);
        try (GgufFile g = GgufFile.open(one)) {
            Tensor q = g.tensor("blk.0.ffn_down.weight"); // 256 rows of 512: ±1.5/√512 ≈ ±0.066
            float[] row = new float[q.columns()];
            double max = 0;
            double sum2 = 0;
            for (int r = 0; r < q.rows(); r++) {
                q.dequantizeRow(r, row, 0);
                for (float v : row) {
                    max = Math.max(max, Math.abs(v));
                    sum2 += v * v;
                }
            }
            double bound = 1.5 / Math.sqrt(512);
            assertThat(max).isBetween(0.9 * bound, 1.1 * bound);
            // uniform in ±b has RMS b/√3
            assertThat(Math.sqrt(sum2 / q.size())).isCloseTo(bound / Math.sqrt(3), offset(0.05 * bound));
        }
    }

    @Test
    void badOptionsAreClearErrors(@TempDir Path dir) {
        String file = dir.resolve("x.gguf").toString();
        assertThat(run("model", "random", "--preset", "7b", "-o", file)).isNotZero();
        assertThat(console.err()).contains("unknown preset '7b'; known: 1b, tiny");
        assertThat(run("model", "random", "--preset", "tiny", "--type", "Q3_K", "-o", file)).isNotZero();
        assertThat(console.err()).contains("unknown type 'Q3_K'; known: Q4_0, Q8_0, Q4_K_M");
        assertThat(run("model", "random", "--preset", "tiny", "--threads", "0", "-o", file)).isNotZero();
        assertThat(console.err()).contains("threads must be at least 1");
        assertThat(Files.exists(Path.of(file))).isFalse();
    }

    @Test
    void useMoreBitsPicksLlamaCppsLayersOfTinyLlama() {
        int[] picked = IntStream.range(0, 22).filter(l -> RandomLlama.Mix.useMoreBits(l, 22)).toArray();
        assertThat(picked).containsExactly(0, 1, 4, 7, 10, 13, 16, 19, 20, 21);
    }
}
