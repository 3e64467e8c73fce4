package dev.catena.core.tracing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.catena.core.callback.LoggingCallbackHandler;
import dev.catena.core.model.ChatModelRunnable;
import dev.catena.core.prompt.PromptTemplate;
import dev.catena.core.parser.StringOutputParser;
import dev.catena.core.runnable.RunConfig;
import dev.catena.core.runnable.Runnable;
import dev.catena.core.runnable.Runnables;
import dev.catena.core.support.FakeChatModel;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

import java.io.StringWriter;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TracingTest {

    /** prompt -> parallel(model -> parser, passthrough) : a nested run tree of depth 3. */
    private static Runnable<Map<String, Object>, Map<String, Object>> nestedChain(FakeChatModel model) {
        Runnable<Object, String> answer = ChatModelRunnable.of((dev.langchain4j.model.chat.ChatModel) model)
                .pipe(StringOutputParser.create());
        return PromptTemplate.of("Q: {q}").pipe(Runnables.parallel(Map.of("answer", answer,
                "prompt", Runnables.lambda("promptText", (Object p) -> p.toString()))));
    }

    @Test
    void jsonLinesTraceRecordsTheRunTreeOfANestedRun() throws Exception {
        StringWriter sink = new StringWriter();
        JsonLinesTraceWriter writer = new JsonLinesTraceWriter(sink, true, false, 1000);

        nestedChain(FakeChatModel.replies("42")).invoke(Map.of("q", "meaning?"), RunConfig.builder().addCallback(writer).tag("t1").build());

        ObjectMapper json = new ObjectMapper();
        List<JsonNode> lines = new ArrayList<>();
        for (String l : sink.toString().split("\n")) lines.add(json.readTree(l));
        Map<String, JsonNode> starts = lines.stream().filter(l -> l.get("event").asText().equals("start"))
                .collect(Collectors.toMap(l -> l.get("name").asText(), Function.identity()));

        assertThat(starts.keySet()).contains("Sequence", "PromptTemplate", "answer", "prompt", "ChatModel<FakeChatModel>", "StringOutputParser");
        assertThat(starts.get("Sequence").get("parent_run_id").isNull()).isTrue();
        assertThat(parent(starts, "PromptTemplate")).isEqualTo(id(starts, "Sequence"));
        String parallelId = starts.entrySet().stream().filter(e -> e.getKey().startsWith("Parallel")).findFirst().orElseThrow().getValue().get("run_id").asText();
        assertThat(parent(starts, "answer")).isEqualTo(parallelId);
        assertThat(parent(starts, "prompt")).isEqualTo(parallelId);
        assertThat(parent(starts, "ChatModel<FakeChatModel>")).isEqualTo(id(starts, "answer"));
        assertThat(parent(starts, "StringOutputParser")).isEqualTo(id(starts, "answer"));
        assertThat(starts.get("StringOutputParser").get("tags").get(0).asText()).isEqualTo("t1");

        assertThat(lines).filteredOn(l -> l.get("event").asText().equals("end")).hasSize(starts.size());
        JsonNode rootEnd = lines.getLast();
        assertThat(rootEnd.get("name").asText()).isEqualTo("Sequence");
        assertThat(rootEnd.get("output").get("answer").asText()).isEqualTo("42");
        assertThat(lines).anyMatch(l -> l.get("event").asText().equals("model.response"));
    }

    @Test
    void jsonLinesTraceRecordsErrorsAndCanOmitPayloads() throws Exception {
        StringWriter sink = new StringWriter();
        JsonLinesTraceWriter writer = new JsonLinesTraceWriter(sink, false, false, 1000);
        Runnable<String, String> boom = Runnables.lambda("boom", (String s) -> { throw new IllegalStateException("secret-free failure"); });

        assertThatThrownBy(() -> boom.invoke("my secret input", RunConfig.builder().addCallback(writer).build()));

        assertThat(sink.toString()).doesNotContain("my secret input").contains("\"event\":\"error\"")
                .contains("secret-free failure").contains("java.lang.IllegalStateException");
    }

    @Test
    void openTelemetrySpansFollowTheRunTreeWithGenAiAttributes() {
        InMemorySpanExporter exporter = InMemorySpanExporter.create();
        try (SdkTracerProvider provider = SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build()) {
            OpenTelemetryCallbackHandler handler = new OpenTelemetryCallbackHandler(provider.get("test"));
            nestedChain(FakeChatModel.replies("42")).invoke(Map.of("q", "meaning?"), RunConfig.builder().addCallback(handler).build());

            List<SpanData> spans = exporter.getFinishedSpanItems();
            Map<String, SpanData> byName = spans.stream().collect(Collectors.toMap(SpanData::getName, Function.identity()));
            SpanData root = byName.get("Sequence");
            SpanData chat = byName.get("chat");
            SpanData answer = byName.get("answer");

            assertThat(root.getParentSpanContext().isValid()).isFalse();
            assertThat(spans).allMatch(s -> s.getTraceId().equals(root.getTraceId()));
            assertThat(chat.getParentSpanId()).isEqualTo(answer.getSpanId());
            assertThat(byName.get("PromptTemplate").getParentSpanId()).isEqualTo(root.getSpanId());
            assertThat(chat.getAttributes().get(AttributeKey.stringKey("gen_ai.operation.name"))).isEqualTo("chat");
            assertThat(chat.getAttributes().get(AttributeKey.stringKey("gen_ai.provider.name"))).isEqualTo("other");
            assertThat(chat.getAttributes().get(AttributeKey.stringKey("gen_ai.response.model"))).isEqualTo("fake-model");
            assertThat(chat.getAttributes().get(AttributeKey.longKey("gen_ai.usage.input_tokens"))).isEqualTo(3L);
            assertThat(chat.getAttributes().get(AttributeKey.longKey("gen_ai.usage.output_tokens"))).isEqualTo(5L);
        }
    }

    @Test
    void openTelemetryErrorsMarkTheSpan() {
        InMemorySpanExporter exporter = InMemorySpanExporter.create();
        try (SdkTracerProvider provider = SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build()) {
            OpenTelemetryCallbackHandler handler = new OpenTelemetryCallbackHandler(provider.get("test"));
            Runnable<String, String> boom = Runnables.lambda("boom", (String s) -> { throw new IllegalStateException("x"); });
            assertThatThrownBy(() -> boom.invoke("in", RunConfig.builder().addCallback(handler).build()));
            SpanData span = exporter.getFinishedSpanItems().getFirst();
            assertThat(span.getStatus().getStatusCode()).isEqualTo(io.opentelemetry.api.trace.StatusCode.ERROR);
            assertThat(span.getEvents()).anyMatch(e -> e.getName().equals("exception"));
        }
    }

    @Test
    void openTelemetrySupportIsActiveWhenTheApiIsPresent() {
        assertThat(OpenTelemetrySupport.isAvailable()).isTrue();
        assertThat(OpenTelemetrySupport.globalHandler()).containsInstanceOf(OpenTelemetryCallbackHandler.class);
    }

    @Test
    void loggingHandlerLogsRunsWithoutPayloads() {
        List<String> logged = new ArrayList<>();
        Logger logger = (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(), new Class<?>[]{Logger.class}, (p, m, args) -> {
            if (m.getName().equals("isDebugEnabled")) return true;
            if (List.of("debug", "info", "warn").contains(m.getName()) && args != null) {
                logged.add(m.getName() + " " + java.util.Arrays.deepToString(args));
            }
            return m.getReturnType() == boolean.class ? false : null;
        });
        Runnable<String, String> boom = Runnables.lambda("boom", (String s) -> { throw new IllegalStateException("bad"); });
        assertThatThrownBy(() -> boom.invoke("password=hunter2", RunConfig.builder().addCallback(new LoggingCallbackHandler(logger)).build()));

        assertThat(logged).anyMatch(l -> l.startsWith("debug") && l.contains("run start") && l.contains("boom"));
        assertThat(logged).anyMatch(l -> l.startsWith("warn") && l.contains("bad"));
        assertThat(String.join("\n", logged)).doesNotContain("hunter2");
    }

    private static String id(Map<String, JsonNode> starts, String name) {
        return starts.get(name).get("run_id").asText();
    }

    private static String parent(Map<String, JsonNode> starts, String name) {
        return starts.get(name).get("parent_run_id").asText();
    }
}
