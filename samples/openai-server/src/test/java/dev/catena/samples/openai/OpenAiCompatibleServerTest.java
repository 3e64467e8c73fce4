package dev.catena.samples.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiEmbeddingModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** LangChain4j's own OpenAI client talks to the server: blocking, streaming, embeddings, errors. */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OpenAiCompatibleServerTest {

    @TestHTTPResource("/v1")
    URL base;

    @Inject
    EmbeddingModel local;

    @Test
    @Order(1)
    void blockingCompletionThroughTheOpenAiClient() {
        OpenAiChatModel client = OpenAiChatModel.builder().baseUrl(base.toString()).apiKey("unused").modelName("local").build();
        ChatResponse response = client.chat(dev.langchain4j.data.message.UserMessage.from("What is the capital of France?"));
        assertThat(response.aiMessage().text()).isEqualTo("Paris is the capital of France.");
        assertThat(response.tokenUsage().totalTokenCount()).isPositive();
    }

    @Test
    @Order(2)
    void streamingCompletionArrivesInPieces() throws Exception {
        OpenAiStreamingChatModel client = OpenAiStreamingChatModel.builder().baseUrl(base.toString()).apiKey("unused").modelName("local").build();
        List<String> pieces = new ArrayList<>();
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        client.chat("Which river?", new StreamingChatResponseHandler() {
            @Override public void onPartialResponse(String partial) { pieces.add(partial); }
            @Override public void onCompleteResponse(ChatResponse r) { done.complete(r); }
            @Override public void onError(Throwable e) { done.completeExceptionally(e); }
        });
        ChatResponse response = done.get(30, TimeUnit.SECONDS);
        assertThat(pieces.size()).isGreaterThan(3);
        assertThat(response.tokenUsage().outputTokenCount()).as("the include_usage chunk LangChain4j asks for").isPositive();
        assertThat(String.join("", pieces)).isEqualTo("The Seine flows through Paris.");
        assertThat(response.aiMessage().text()).isEqualTo("The Seine flows through Paris.");
    }

    @Test
    @Order(3)
    void embeddingsMatchTheInProcessModel() {
        OpenAiEmbeddingModel client = OpenAiEmbeddingModel.builder().baseUrl(base.toString()).apiKey("unused").modelName("minilm").build();
        Embedding remote = client.embed("refund policy").content();
        Embedding inProcess = local.embed("refund policy").content();
        assertThat(remote.dimension()).isEqualTo(384);
        assertThat(remote.vector()).containsExactly(inProcess.vector());
    }

    @Test
    @Order(4)
    void nChoicesAreGeneratedSideBySide() throws Exception {
        JsonNode out = new ObjectMapper().readTree(RestAssured.given().contentType("application/json")
                .body("{\"model\":\"local\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"n\":2}")
                .post(base + "/chat/completions").then().statusCode(200).extract().asString());
        assertThat(out.get("choices")).hasSize(2);
        assertThat(List.of(out.at("/choices/0/index").asInt(), out.at("/choices/1/index").asInt())).containsExactly(0, 1);
        assertThat(List.of(out.at("/choices/0/message/content").asText(), out.at("/choices/1/message/content").asText()))
                .containsExactlyInAnyOrder("Third answer.", "Fourth answer.");
        assertThat(out.at("/usage/completion_tokens").asInt()).isPositive();
    }

    @Test
    @Order(5)
    void legacyCompletionsAnswerAChatModelThroughOneUserMessage() throws Exception {
        JsonNode out = new ObjectMapper().readTree(RestAssured.given().contentType("application/json")
                .body("{\"model\":\"local\",\"prompt\":\"Once upon a time\",\"max_tokens\":5}")
                .post(base + "/completions").then().statusCode(200).extract().asString());
        assertThat(out.get("object").asText()).isEqualTo("text_completion");
        assertThat(out.at("/choices/0/text").asText()).isEqualTo("Fifth answer.");
        assertThat(out.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
    }

    @Test
    @Order(6)
    void unsupportedParametersAndBadValuesNameTheParameter() {
        String chat = base + "/chat/completions";
        String ask = "{\"model\":\"local\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]%s}";
        assertError(chat, ask.formatted(",\"max_tokens\":-1"), "max_tokens", "integer_below_min_value");
        assertError(chat, ask.formatted(",\"max_completion_tokens\":0"), "max_completion_tokens", "integer_below_min_value");
        assertError(chat, ask.formatted(",\"frobnicate\":true"), "frobnicate", "unknown_parameter");
        assertError(chat, ask.formatted(",\"temperature\":3"), "temperature", "decimal_above_max_value");
        assertError(chat, ask.formatted(",\"n\":0"), "n", "integer_below_min_value");
        assertError(chat, ask.formatted(",\"logprobs\":true"), "logprobs", "unsupported_parameter");
        assertError(chat, ask.formatted(",\"max_tokens\":\"many\""), "max_tokens", "invalid_type");
        assertError(chat, ask.formatted(",\"stream_options\":{\"include_usage\":true}"), "stream_options", "invalid_value");
        assertError(chat, ask.formatted(",\"response_format\":{\"type\":\"yaml\"}"), "response_format.type", "invalid_value");
        assertError(chat, ask.formatted(",\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"a\"}}"),
                "response_format.json_schema.schema", "invalid_value");
        assertError(base + "/completions", "{\"model\":\"local\",\"prompt\":[1,2,3]}", "prompt", "invalid_value");
        assertError(base + "/completions", "{\"model\":\"local\",\"prompt\":\"x\",\"suffix\":\"y\"}", "suffix", "unsupported_parameter");
        RestAssured.given().contentType("application/json").body("{\"model\": \"local\", \"messages\": [")
                .post(chat).then().statusCode(400).body("error.type", equalTo("invalid_request_error"))
                .body("error.message", containsString("parse"));
    }

    private static void assertError(String url, String body, String param, String code) {
        RestAssured.given().contentType("application/json").body(body).post(url).then().statusCode(400)
                .body("error.type", equalTo("invalid_request_error")).body("error.param", equalTo(param))
                .body("error.code", equalTo(code)).body("error.message", containsString(param.replaceFirst("\\..*", "")));
    }

    @Test
    @Order(7)
    void badRequestsGetOpenAiStyleErrors() {
        RestAssured.given().contentType("application/json").body("{\"model\":\"nope\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}")
                .post(base + "/chat/completions").then().statusCode(400).body("error.message", containsString("nope"));
        RestAssured.given().contentType("application/json").body("{\"messages\":[]}")
                .post(base + "/chat/completions").then().statusCode(400).body("error.message", containsString("messages"));
        RestAssured.given().contentType("application/json").body("{\"model\":\"local\",\"messages\":[{\"role\":\"wizard\",\"content\":\"x\"}]}")
                .post(base + "/chat/completions").then().statusCode(400).body("error.message", containsString("wizard"));
    }
}
