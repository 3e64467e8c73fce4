package dev.catena.samples.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import dev.catena.testing.ExternalInputs;
import io.restassured.RestAssured;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server on the real Gemma 3 270M file (8 tokens, greedy): a plain completion and the same
 * request streamed give the same text, with usage and a finish reason. Skipped when the file is
 * absent, except on CI (env {@code CI} set), where that is a failure.
 */
@QuarkusTest
@TestProfile(RealModelServerTest.RealModel.class)
class RealModelServerTest {

    static final Path MODEL = ExternalInputs.modelPath(ExternalInputs.GEMMA);

    /** The default (non-test) model configuration, with a small token cap. */
    public static final class RealModel implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.catena.models.local.type", "local-gguf", "quarkus.catena.models.local.path", MODEL.toString(),
                    "quarkus.catena.models.local.chat-template", "transcript", "quarkus.catena.models.local.threads", "2",
                    "quarkus.catena.models.local.max-tokens", "8", "quarkus.catena.models.local.responses", "");
        }
    }

    @TestHTTPResource("/v1/chat/completions")
    URL completions;

    @BeforeEach
    void needsTheModel() {
        ExternalInputs.gemma();
    }

    @Test
    void plainAndStreamedCompletionsAgree() throws Exception {
        String request = "{\"model\":\"local\",\"messages\":[{\"role\":\"user\",\"content\":\"What is the capital of France?\"}],"
                + "\"max_tokens\":8,\"temperature\":0%s}";
        JsonNode plain = new ObjectMapper().readTree(RestAssured.given().contentType("application/json").body(request.formatted(""))
                .post(completions).then().statusCode(200).extract().asString());
        String text = plain.path("choices").path(0).path("message").path("content").asText();
        assertThat(text).isNotBlank();
        assertThat(plain.path("choices").path(0).path("finish_reason").asText()).isIn("stop", "length");
        assertThat(plain.path("usage").path("completion_tokens").asInt()).isBetween(1, 8);
        assertThat(plain.path("usage").path("prompt_tokens").asInt()).isPositive();

        String sse = RestAssured.given().contentType("application/json").body(request.formatted(",\"stream\":true"))
                .post(completions).then().statusCode(200).extract().asString();
        StringBuilder streamed = new StringBuilder();
        for (String line : sse.lines().filter(l -> l.startsWith("data: {")).toList()) {
            streamed.append(new ObjectMapper().readTree(line.substring(6)).path("choices").path(0).path("delta").path("content").asText(""));
        }
        assertThat(sse.strip()).endsWith("data: [DONE]");
        assertThat(streamed.toString()).as("greedy: the stream carries the same text").isEqualTo(text);
    }

    @Test
    void aPromptOverTheContextIsRefusedBeforeStreaming() {
        String huge = "lighthouse ".repeat(6000);
        RestAssured.given().contentType("application/json")
                .body("{\"model\":\"local\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"" + huge + "\"}]}")
                .post(completions).then().statusCode(400).contentType("application/json")
                .body("error.code", org.hamcrest.Matchers.equalTo("context_length_exceeded"))
                .body("error.message", org.hamcrest.Matchers.containsString("maximum context length"));
    }

    @Test
    void jsonObjectFormatIsConstrained() throws Exception {
        JsonNode out = new ObjectMapper().readTree(RestAssured.given().contentType("application/json")
                .body("{\"model\":\"local\",\"max_tokens\":8,\"temperature\":0,\"response_format\":{\"type\":\"json_object\"},"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"Name a city as JSON.\"}]}")
                .post(completions).then().statusCode(200).extract().asString());
        assertThat(out.at("/choices/0/message/content").asText().strip()).startsWith("{");
    }
}
