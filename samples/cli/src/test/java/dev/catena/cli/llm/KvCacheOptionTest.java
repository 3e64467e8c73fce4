package dev.catena.cli.llm;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code --kv-cache} of {@code generate} and {@code chat}: F16 greedy text equals F32's; a bad value names the choices. */
class KvCacheOptionTest extends CliTest {

    private static String model() throws Exception {
        return Path.of(KvCacheOptionTest.class.getResource("/model/llama-mha-f32.gguf").toURI()).toString();
    }

    private String generate(String kvCache) throws Exception {
        assertThat(run("generate", "--model", model(), "--prompt", "Hello", "--temperature", "0",
                "--max-tokens", "12", "--threads", "1", "--kv-cache", kvCache)).as(console.err()).isZero();
        return console.out();
    }

    @Test
    void anF16CacheGeneratesTheSameGreedyTextAsF32() throws Exception {
        String f32 = generate("f32");
        assertThat(f32).isNotBlank();
        assertThat(generate("F16")).isEqualTo(f32);
    }

    @Test
    void anUnknownTypeIsAClearError() throws Exception {
        assertThat(run("generate", "--model", model(), "--prompt", "x", "--kv-cache", "fp16")).isNotZero();
        assertThat(console.err()).contains("--kv-cache").contains("unknown KV cache type 'fp16'")
                .contains("f32, f16, q8_0");
    }
}
