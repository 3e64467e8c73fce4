package dev.catena.openai;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.catena.core.callback.LoggingCallbackHandler;
import dev.catena.core.model.ChatModelRunnable;
import dev.catena.core.runnable.RunConfig;
import dev.catena.core.runnable.RunStream;
import dev.catena.core.tracing.JsonLinesTraceWriter;
import dev.catena.core.tracing.OpenTelemetryCallbackHandler;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An API key given through an environment variable (issue 9) is sent to the server and appears
 * nowhere else: not in logs (SLF4J output, with LangChain4j's request logging on), not in
 * exceptions (even when the server echoes the key in its error body), not in traces (JSONL trace
 * with payloads, logging callbacks, OpenTelemetry span attributes and events), not in the spec or
 * config written back as YAML/JSON or {@code toString}.
 */
class SecretsTest {

    private static final String KEY = "sk-catena-SECRET-7f3a9c21d4e5b6a8";
    private static final String KEY_CORE = "SECRET-7f3a9c21";
    private static final Map<String, String> ENV = Map.of("CATENA_TEST_KEY", KEY);
    private static final String COMPLETION = """
            {"id":"c","object":"chat.completion","created":1,"model":"m",
             "choices":[{"index":0,"message":{"role":"assistant","content":"Paris."},"finish_reason":"stop"}]}""";

    private MockWebServer server;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private PrintStream originalErr;
    private PrintStream originalOut;

    @BeforeEach
    void start() throws Exception {
        server = new MockWebServer();
        server.start();
        originalErr = System.err;
        originalOut = System.out;
        PrintStream tee = new PrintStream(captured, true, StandardCharsets.UTF_8);
        System.setErr(tee); // slf4j-simple writes to the current System.err
        System.setOut(tee);
    }

    @AfterEach
    void stop() {
        System.setErr(originalErr);
        System.setOut(originalOut);
        server.close();
    }

    private OpenAiCompatibleChatModel model() {
        return OpenAiCompatibleChatModel.create(OpenAiCompatibleConfig.builder().baseUrl(server.url("/v1").toString())
                .modelName("m").apiKeyEnv("CATENA_TEST_KEY").timeout(Duration.ofSeconds(5)).maxRetries(1)
                .initialBackoff(Duration.ofMillis(10)).logRequests(true).build(), ENV::get);
    }

    private static void assertNoKey(String where, String text) {
        assertThat(text).as(where).doesNotContain(KEY).doesNotContain(KEY_CORE);
    }

    @Test
    void keyReachesTheServerButNoLogTraceOrSpan() throws Exception {
        server.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json").body(COMPLETION).build());
        server.enqueue(new MockResponse.Builder().addHeader("Content-Type", "text/event-stream").body(
                "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,"
                        + "\"delta\":{\"content\":\"Paris.\"},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n").build());
        StringWriter trace = new StringWriter();
        InMemorySpanExporter spans = InMemorySpanExporter.create();
        OpenAiCompatibleChatModel model = model();
        try (SdkTracerProvider provider = SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build();
             JsonLinesTraceWriter jsonl = new JsonLinesTraceWriter(trace, true, true, 100_000)) {
            RunConfig config = RunConfig.builder().addCallback(jsonl).addCallback(new LoggingCallbackHandler())
                    .addCallback(new OpenTelemetryCallbackHandler(provider.get("test"))).build();
            assertThat(ChatModelRunnable.of((ChatModel) model).invoke("Capital of France?", config).text()).isEqualTo("Paris.");
            try (RunStream<AiMessage> s = ChatModelRunnable.of((StreamingChatModel) model).stream("Capital of France?", config)) {
                assertThat(s.collect().text()).isEqualTo("Paris.");
            }
            assertThat(spans.getFinishedSpanItems()).isNotEmpty();
            for (SpanData span : spans.getFinishedSpanItems()) {
                assertNoKey("span " + span.getName(), span.getAttributes().toString() + span.getEvents() + span.getStatus());
            }
        }

        assertThat(server.takeRequest(5, TimeUnit.SECONDS).getHeaders().get("Authorization")).isEqualTo("Bearer " + KEY);
        assertThat(server.takeRequest(5, TimeUnit.SECONDS).getHeaders().get("Authorization")).isEqualTo("Bearer " + KEY);
        String logs = captured.toString(StandardCharsets.UTF_8);
        assertThat(logs).as("the request log was captured").contains("HTTP request").contains("Authorization");
        assertNoKey("logs", logs);
        assertThat(trace.toString()).contains("Capital of France?");
        assertNoKey("JSONL trace", trace.toString());
    }

    @Test
    void aServerEchoingTheKeyInItsErrorDoesNotPutItInTheException() {
        String echo = "{\"error\":{\"message\":\"Incorrect API key provided: " + KEY + ". See your account.\",\"code\":\"invalid_api_key\"}}";
        server.enqueue(new MockResponse.Builder().code(401).addHeader("Content-Type", "application/json").body(echo).build());
        server.enqueue(new MockResponse.Builder().code(503).body("bad key " + KEY).build());
        server.enqueue(new MockResponse.Builder().code(503).body("bad key " + KEY).build());
        OpenAiCompatibleChatModel model = model();
        StringWriter trace = new StringWriter();
        JsonLinesTraceWriter jsonl = new JsonLinesTraceWriter(trace, true, true, 100_000);
        RunConfig config = RunConfig.builder().addCallback(jsonl).addCallback(new LoggingCallbackHandler()).build();

        for (int i = 0; i < 2; i++) {
            Throwable error = org.assertj.core.api.Assertions.catchThrowable(() -> ChatModelRunnable.of((ChatModel) model).invoke("hi", config));
            assertThat(error).as("call %d fails", i).isNotNull();
            StringWriter stack = new StringWriter();
            error.printStackTrace(new PrintWriter(stack));
            assertThat(stack.toString()).contains(i == 0 ? "Incorrect API key provided: ***" : "bad key ***");
            assertNoKey("exception", stack.toString());
        }
        assertNoKey("JSONL trace", trace.toString());
        assertNoKey("logs", captured.toString(StandardCharsets.UTF_8));
    }

    @Test
    void writtenConfigurationNamesTheVariableNeverTheValue() throws Exception {
        OpenAiCompatibleModelSpec spec = new OpenAiCompatibleModelSpec(server.url("/v1").toString(), "m", "CATENA_TEST_KEY",
                5000, 1, null, null);
        String yaml = new YAMLMapper().writeValueAsString(spec);
        assertThat(yaml).contains("apiKeyEnv: \"CATENA_TEST_KEY\"");
        assertNoKey("spec as YAML", yaml);
        assertThat(new YAMLMapper().readValue(yaml, OpenAiCompatibleModelSpec.class)).isEqualTo(spec);
        OpenAiCompatibleChatModel model = new OpenAiCompatibleModelType().create(spec, new dev.catena.core.component.ComponentContext() {
            @Override public <T> T resolve(String ref, Class<T> type) { throw new UnsupportedOperationException(); }
            @Override public String env(String name) { return ENV.get(name); }
        }) instanceof OpenAiCompatibleChatModel m ? m : null;
        assertThat(model).isNotNull();
        assertNoKey("model toString", model.toString());
        assertNoKey("config toString", model.config().toString());
        assertThatThrownBy(() -> OpenAiCompatibleChatModel.create(model.config(), n -> null)).hasMessageContaining("CATENA_TEST_KEY")
                .satisfies(e -> assertNoKey("missing-key error", e.toString()));
    }
}
