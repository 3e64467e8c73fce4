package dev.catena.cli.llm;

import dev.catena.llm.gguf.GgufFile;
import dev.catena.llm.gguf.GgufTensorInfo;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class BenchCommandTest extends CliTest {

    private static String model(String name) throws Exception {
        return Path.of(BenchCommandTest.class.getResource("/model/" + name + ".gguf").toURI()).toString();
    }

    @Test
    void printsEachRunAndPositiveMedians() throws Exception {
        assertThat(run("bench", "--model", model("qwen2-q4_0-q5_0"), "--threads", "2", "--prompt-tokens", "8",
                "--gen-tokens", "4", "--repeat", "3", "--kernels", "scalar")).as(console.err()).isZero();
        String text = console.out();
        assertThat(text).contains("2 threads, kernels scalar, prompt 8, gen 4, 3 runs");
        assertThat(text.lines().filter(l -> l.startsWith("run ")).count()).isEqualTo(3);
        Matcher m = Pattern.compile("median: prompt ([0-9.]+) tok/s, generation ([0-9.]+) tok/s").matcher(text);
        assertThat(m.find()).as(text).isTrue();
        assertThat(Double.parseDouble(m.group(1))).isPositive();
        assertThat(Double.parseDouble(m.group(2))).isPositive();
        assertThat(text).contains("weights read per generated token:").contains("memory: resident");
    }

    /** The bytes a generation step streams: every tensor but the token embedding, unless it is the output matrix. */
    @Test
    void bytesPerTokenLeaveOutTheEmbeddingTableUnlessTied() throws Exception {
        try (GgufFile gguf = GgufFile.open(Path.of(model("qwen2-q4_0-q5_0")))) {
            long all = gguf.tensorInfos().stream().mapToLong(GgufTensorInfo::byteSize).sum();
            long expected = gguf.hasTensor("output.weight") ? all - gguf.tensorInfo("token_embd.weight").byteSize() : all;
            assertThat(BenchCommand.bytesReadPerToken(gguf)).isEqualTo(expected).isLessThanOrEqualTo(all).isPositive();
        }
    }

    @Test
    void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertThat(BenchCommand.median(new double[] {5, 1, 3})).isEqualTo(3);
        assertThat(BenchCommand.median(new double[] {4, 1, 3, 10})).isEqualTo(3.5);
    }

    @Test
    void anUnknownKernelsNameIsAClearError() throws Exception {
        assertThat(run("bench", "--model", model("qwen2-q4_0-q5_0"), "--kernels", "gpu")).isNotZero();
        assertThat(console.err()).contains("--kernels").contains("unknown kernels 'gpu'");
    }
}
