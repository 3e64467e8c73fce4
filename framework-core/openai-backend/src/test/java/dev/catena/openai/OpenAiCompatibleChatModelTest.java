package dev.catena.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.catena.core.model.ChatModelRunnable;
import dev.catena.core.runnable.RunStream;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.response.ChatResponse;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Real HTTP to a local mock OpenAI-compatible server. */
class OpenAiCompatibleChatModelTest {

    private static final String COMPLETION = """
            {"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"qwen-test",
             "choices":[{"index":0,"message":{"role":"assistant","content":"Paris."},"finish_reason":"stop"}],
             "usage":{"prompt_tokens":7,"completion_tokens":2,"total_tokens":9}}""";

    private MockWebServer server;

    @BeforeEach
    void start() throws Exception {
        server = new MockWebServer();
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private OpenAiCompatibleConfig.Builder config() {
        return OpenAiCompatibleConfig.builder().baseUrl(server.url("/v1").toString()).modelName("qwen-test")
                .timeout(Duration.ofSeconds(5)).maxRetries(0);
    }

    @Test
    void blockingChatSendsTheRequestAndReadsTheAnswer() throws Exception {
        server.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json").body(COMPLETION).build());
        OpenAiCompatibleChatModel model = OpenAiCompatibleChatModel.create(
                config().apiKeyEnv("TEST_KEY").temperature(0.2).build(), Map.of("TEST_KEY", "sk-secret")::get);

        ChatResponse response = model.chat(dev.langchain4j.model.chat.request.ChatRequest.builder()
                .messages(dev.langchain4j.data.message.UserMessage.from("Capital of France?")).build());

        assertThat(response.aiMessage().text()).isEqualTo("Paris.");
        assertThat(response.tokenUsage().inputTokenCount()).isEqualTo(7);
        RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(request.getTarget()).isEqualTo("/v1/chat/completions");
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer sk-secret");
        JsonNode body = new ObjectMapper().readTree(request.getBody().utf8());
        assertThat(body.get("model").asText()).isEqualTo("qwen-test");
        assertThat(body.get("temperature").asDouble()).isEqualTo(0.2);
        assertThat(body.get("messages").get(0).get("content").asText()).isEqualTo("Capital of France?");
    }

    @Test
    void streamingChatThroughARunnableEmitsDeltas() throws Exception {
        String sse = """
                data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"qwen-test","choices":[{"index":0,"delta":{"role":"assistant","content":"Hel"},"finish_reason":null}]}

                data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"qwen-test","choices":[{"index":0,"delta":{"content":"lo"},"finish_reason":null}]}

                data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"qwen-test","choices":[{"index":0,"delta":{"content":"!"},"finish_reason":"stop"}]}

                data: [DONE]

                """;
        server.enqueue(new MockResponse.Builder().addHeader("Content-Type", "text/event-stream").body(sse).build());
        OpenAiCompatibleChatModel model = OpenAiCompatibleChatModel.create(config().build(), name -> null);

        List<AiMessage> chunks;
        try (RunStream<AiMessage> stream = ChatModelRunnable.of((dev.langchain4j.model.chat.StreamingChatModel) model).stream("hi")) {
            chunks = stream.toList();
        }

        assertThat(chunks).extracting(AiMessage::text).containsExactly("Hel", "lo", "!");
        RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(new ObjectMapper().readTree(request.getBody().utf8()).get("stream").asBoolean()).isTrue();
    }

    @Test
    void retriesAFailedBlockingCall() {
        server.enqueue(new MockResponse.Builder().code(503).body("{\"error\":{\"message\":\"busy\"}}").build());
        server.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json").body(COMPLETION).build());
        OpenAiCompatibleChatModel model = OpenAiCompatibleChatModel.create(config().maxRetries(1).build(), name -> null);

        assertThat(model.chat("hi")).isEqualTo("Paris.");
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void timesOutASlowServer() {
        // without the timeout the call would succeed once the headers come
        server.enqueue(new MockResponse.Builder().headersDelay(3, TimeUnit.SECONDS).body(COMPLETION).build());
        OpenAiCompatibleChatModel model = OpenAiCompatibleChatModel.create(config().timeout(Duration.ofMillis(300)).build(), name -> null);

        assertThatThrownBy(() -> model.chat("hi")).isInstanceOf(RuntimeException.class);
    }

    @Test
    void missingKeyVariableIsNamedAndKeysNeverShow() {
        OpenAiCompatibleConfig cfg = config().apiKeyEnv("MY_UNSET_KEY").build();
        assertThatThrownBy(() -> OpenAiCompatibleChatModel.create(cfg, name -> null))
                .hasMessageContaining("MY_UNSET_KEY").hasMessageContaining("not set");
        OpenAiCompatibleChatModel model = OpenAiCompatibleChatModel.create(cfg, name -> "sk-very-secret");
        assertThat(model.toString()).doesNotContain("sk-very-secret").contains("MY_UNSET_KEY");
    }

    @Test
    void badConfigNamesTheField() {
        assertThatThrownBy(() -> OpenAiCompatibleConfig.builder().baseUrl("localhost:8000").modelName("m").build())
                .hasMessageContaining("baseUrl");
        assertThatThrownBy(() -> OpenAiCompatibleConfig.builder().baseUrl("http://x").build()).hasMessageContaining("modelName");
        assertThatThrownBy(() -> config().temperature(3.0).build()).hasMessageContaining("temperature");
        assertThatThrownBy(() -> config().maxRetries(-1).build()).hasMessageContaining("maxRetries");
    }

    @Test
    void componentTypeBuildsFromASpecUsingTheContextForTheKey() throws Exception {
        server.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json").body(COMPLETION).build());
        OpenAiCompatibleModelSpec spec = new OpenAiCompatibleModelSpec(server.url("/v1").toString(), "qwen-test",
                "CATENA_KEY", 5000, 0, null, null);
        dev.catena.core.component.ComponentContext ctx = new dev.catena.core.component.ComponentContext() {
            @Override public <T> T resolve(String ref, Class<T> type) { throw new UnsupportedOperationException(); }
            @Override public String env(String name) { return name.equals("CATENA_KEY") ? "sk-from-ctx" : null; }
        };
        var type = new OpenAiCompatibleModelType();
        assertThat(type.type()).isEqualTo("openai-compatible");
        assertThat(java.util.ServiceLoader.load(dev.catena.core.component.ComponentType.class).stream()
                .anyMatch(p -> p.type() == OpenAiCompatibleModelType.class)).isTrue();

        assertThat(type.create(spec, ctx).chat("hi")).isEqualTo("Paris.");
        assertThat(server.takeRequest(5, TimeUnit.SECONDS).getHeaders().get("Authorization")).isEqualTo("Bearer sk-from-ctx");
    }
}
