package dev.catena.samples.openai;

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
    void badRequestsGetOpenAiStyleErrors() {
        RestAssured.given().contentType("application/json").body("{\"model\":\"nope\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}")
                .post(base + "/chat/completions").then().statusCode(400).body("error.message", containsString("nope"));
        RestAssured.given().contentType("application/json").body("{\"messages\":[]}")
                .post(base + "/chat/completions").then().statusCode(400).body("error.message", containsString("messages"));
        RestAssured.given().contentType("application/json").body("{\"model\":\"local\",\"messages\":[{\"role\":\"wizard\",\"content\":\"x\"}]}")
                .post(base + "/chat/completions").then().statusCode(400).body("error.message", containsString("wizard"));
    }
}
