package dev.catena.samples.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.catena.testing.ExternalInputs;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The official OpenAI Python client ({@code openai} from PyPI, in the venv {@code .ci/setup.d/60-openai-python.sh}
 * makes) runs {@code src/test/python/openai_client_check.py} against the server on the real Gemma file: {@code n},
 * streaming with {@code include_usage}, {@code response_format} with a JSON schema, legacy completions and the
 * 400 errors it raises. Skipped without the venv or the model, except on CI, where that is a failure.
 */
@QuarkusTest
@TestProfile(RealModelServerTest.RealModel.class)
class OpenAiPythonClientTest {

    static final Path PYTHON = Path.of(System.getenv().getOrDefault("CATENA_OPENAI_VENV",
            System.getProperty("user.home") + "/.cache/catena/venvs/openai"), "bin", "python");

    @TestHTTPResource("/v1")
    URL base;

    @Test
    void theOfficialClientGetsWhatOpenAiWouldSend() throws Exception {
        ExternalInputs.gemma();
        ExternalInputs.require(Files.isExecutable(PYTHON), "the openai Python client at " + PYTHON
                + " (run bash .ci/setup.d/60-openai-python.sh)");
        Process python = new ProcessBuilder(PYTHON.toString(), "src/test/python/openai_client_check.py", base.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String stdout = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(python.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(python.exitValue()).as("the script ran to the end; output: %s", stdout).isZero();
        JsonNode out = new ObjectMapper().readTree(stdout);

        JsonNode chat = out.get("chat");
        assertThat(chat.get("choices")).hasSize(2);
        assertThat(chat.get("indexes").toString()).isEqualTo("[0,1]");
        assertThat(chat.get("choices").get(0).asText()).as("greedy: both choices alike").isNotBlank()
                .isEqualTo(chat.get("choices").get(1).asText());
        assertThat(chat.at("/usage/completion_tokens").asInt()).isBetween(2, 16);

        JsonNode stream = out.get("stream");
        assertThat(stream.get("text").asText()).as("streamed alone = answered alone").isEqualTo(out.get("single").asText());
        assertThat(stream.get("usage_chunks")).hasSize(1);
        assertThat(stream.at("/usage_chunks/0/choices").asInt()).isZero();
        assertThat(stream.at("/usage_chunks/0/usage/completion_tokens").asInt()).isBetween(1, 8);
        assertThat(stream.at("/usage_chunks/0/usage/prompt_tokens").asInt()).isPositive();

        JsonNode city = new ObjectMapper().readTree(out.get("json_schema").asText());
        assertThat(city.fieldNames()).toIterable().containsExactly("city");
        assertThat(city.get("city").asText()).isIn("Paris", "London", "Rome");

        assertThat(out.at("/completion/object").asText()).isEqualTo("text_completion");
        assertThat(out.at("/completion/text").asText()).isNotBlank().isEqualTo(out.get("completion_stream").asText());
        assertThat(out.at("/completion/usage/completion_tokens").asInt()).isBetween(1, 6);

        JsonNode errors = out.get("errors");
        assertThat(errors.at("/max_tokens/status").asInt()).isEqualTo(400);
        assertThat(errors.at("/max_tokens/param").asText()).isEqualTo("max_tokens");
        assertThat(errors.at("/max_tokens/code").asText()).isEqualTo("integer_below_min_value");
        assertThat(errors.at("/unknown/status").asInt()).isEqualTo(400);
        assertThat(errors.at("/unknown/param").asText()).isEqualTo("frobnicate");
        assertThat(errors.at("/logprobs/param").asText()).isEqualTo("logprobs");
        assertThat(errors.at("/context/status").asInt()).isEqualTo(400);
        assertThat(errors.at("/context/code").asText()).isEqualTo("context_length_exceeded");
    }
}
