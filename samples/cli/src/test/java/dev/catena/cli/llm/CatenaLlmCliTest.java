package dev.catena.cli.llm;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class CatenaLlmCliTest extends CliTest {

    private static String model(String name) throws Exception {
        return Path.of(CatenaLlmCliTest.class.getResource("/model/" + name + ".gguf").toURI()).toString();
    }

    @Test
    void infoDescribesArchitectureSizesTypesTokenizerAndTemplate() throws Exception {
        assertThat(run("model", "info", model("qwen2-q4_0-q5_0"))).isZero();
        assertThat(console.out())
                .contains("architecture:  qwen2")
                .contains("layers:        2")
                .contains("heads:         4 (kv 2, head width 16)")
                .contains("Q4_0 x").contains("Q5_0 x").contains("Q8_0 x").contains("F32 x")
                .contains("tokenizer:     gpt2")
                .contains("chat template: ");
    }

    @Test
    void generatePrintsTokensAndSpeed() throws Exception {
        assertThat(run("generate", "--model", model("llama-mha-f32"), "--prompt", "Hello", "--temperature", "0",
                "--max-tokens", "6", "--threads", "1")).isZero();
        assertThat(console.out()).isNotBlank();
        assertThat(console.err()).contains("prompt:").contains("generation: 6 tokens").contains("tok/s");
    }

    @Test
    void aMissingModelFileIsAClearError() {
        assertThat(run("generate", "--model", "/nonexistent/m.gguf", "--prompt", "x")).isNotZero();
        assertThat(console.err()).contains("/nonexistent/m.gguf");
    }
}
