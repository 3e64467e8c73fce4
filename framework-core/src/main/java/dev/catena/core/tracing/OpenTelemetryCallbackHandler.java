package dev.catena.core.tracing;

import dev.catena.core.callback.CallbackHandler;
import dev.catena.core.callback.RunInfo;
import dev.catena.core.model.ModelEvents;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns runs into OpenTelemetry spans: one span per run, nested as the runs are (a root run is a
 * child of the current OpenTelemetry context). Model calls get the GenAI semantic-convention
 * attributes: {@code gen_ai.operation.name}, {@code gen_ai.provider.name}, {@code gen_ai.request.*},
 * {@code gen_ai.response.model}, {@code gen_ai.response.id}, {@code gen_ai.response.finish_reasons},
 * {@code gen_ai.usage.input_tokens} and {@code gen_ai.usage.output_tokens}. Message contents are
 * not recorded.
 *
 * <p>This class needs {@code io.opentelemetry:opentelemetry-api} on the classpath (an optional
 * dependency of catena-core); use {@link OpenTelemetrySupport} to create it only when it is there.
 */
public final class OpenTelemetryCallbackHandler implements CallbackHandler {

    /** Instrumentation scope name of Catena's spans. */
    public static final String SCOPE = "dev.catena";

    static final AttributeKey<String> OPERATION = AttributeKey.stringKey("gen_ai.operation.name");
    static final AttributeKey<String> PROVIDER = AttributeKey.stringKey("gen_ai.provider.name");
    static final AttributeKey<String> REQUEST_MODEL = AttributeKey.stringKey("gen_ai.request.model");
    static final AttributeKey<Double> REQUEST_TEMPERATURE = AttributeKey.doubleKey("gen_ai.request.temperature");
    static final AttributeKey<Double> REQUEST_TOP_P = AttributeKey.doubleKey("gen_ai.request.top_p");
    static final AttributeKey<Long> REQUEST_MAX_TOKENS = AttributeKey.longKey("gen_ai.request.max_tokens");
    static final AttributeKey<String> RESPONSE_MODEL = AttributeKey.stringKey("gen_ai.response.model");
    static final AttributeKey<String> RESPONSE_ID = AttributeKey.stringKey("gen_ai.response.id");
    static final AttributeKey<List<String>> FINISH_REASONS = AttributeKey.stringArrayKey("gen_ai.response.finish_reasons");
    static final AttributeKey<Long> INPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.input_tokens");
    static final AttributeKey<Long> OUTPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.output_tokens");
    static final AttributeKey<String> RUN_ID = AttributeKey.stringKey("catena.run.id");
    static final AttributeKey<String> PARENT_RUN_ID = AttributeKey.stringKey("catena.run.parent_id");
    static final AttributeKey<List<String>> TAGS = AttributeKey.stringArrayKey("catena.run.tags");

    private final Tracer tracer;
    private final Map<UUID, Span> spans = new ConcurrentHashMap<>();

    public OpenTelemetryCallbackHandler(Tracer tracer) {
        this.tracer = Objects.requireNonNull(tracer, "tracer");
    }

    /** A handler using {@code openTelemetry}'s tracer for scope {@value #SCOPE}. */
    public static OpenTelemetryCallbackHandler create(OpenTelemetry openTelemetry) {
        return new OpenTelemetryCallbackHandler(openTelemetry.getTracer(SCOPE));
    }

    @Override
    public void onStart(RunInfo run, Object input) {
        Span parent = run.parentRunId() == null ? null : spans.get(run.parentRunId());
        SpanBuilder builder = tracer.spanBuilder(run.name())
                .setParent(parent != null ? Context.current().with(parent) : Context.current())
                .setStartTimestamp(run.startedAt())
                .setAttribute(RUN_ID, run.runId().toString());
        if (run.parentRunId() != null) builder.setAttribute(PARENT_RUN_ID, run.parentRunId().toString());
        if (!run.tags().isEmpty()) builder.setAttribute(TAGS, List.copyOf(run.tags()));
        run.metadata().forEach((k, v) -> builder.setAttribute("catena.metadata." + k, String.valueOf(v)));
        spans.put(run.runId(), builder.startSpan());
    }

    @Override
    public void onEnd(RunInfo run, Object output) {
        Span span = spans.remove(run.runId());
        if (span != null) span.end();
    }

    @Override
    public void onError(RunInfo run, Throwable error) {
        Span span = spans.remove(run.runId());
        if (span == null) return;
        span.recordException(error);
        span.setStatus(StatusCode.ERROR, String.valueOf(error.getMessage()));
        span.end();
    }

    @Override
    public void onRetry(RunInfo run, int attempt, Throwable error) {
        Span span = spans.get(run.runId());
        if (span != null) {
            span.addEvent("catena.retry", Attributes.of(AttributeKey.longKey("catena.retry.attempt"), (long) attempt,
                    AttributeKey.stringKey("exception.type"), error.getClass().getName()));
        }
    }

    @Override
    public void onEvent(RunInfo run, String name, Object payload) {
        Span span = spans.get(run.runId());
        if (span == null) return;
        if (payload instanceof ModelEvents.Request(String provider, ChatRequest request)) {
            span.setAttribute(OPERATION, "chat");
            span.setAttribute(PROVIDER, provider);
            if (request.modelName() != null) {
                span.setAttribute(REQUEST_MODEL, request.modelName());
                span.updateName("chat " + request.modelName());
            } else {
                span.updateName("chat");
            }
            if (request.temperature() != null) span.setAttribute(REQUEST_TEMPERATURE, request.temperature());
            if (request.topP() != null) span.setAttribute(REQUEST_TOP_P, request.topP());
            if (request.maxOutputTokens() != null) span.setAttribute(REQUEST_MAX_TOKENS, (long) request.maxOutputTokens());
        } else if (payload instanceof ModelEvents.Response(ChatResponse response)) {
            if (response.modelName() != null) span.setAttribute(RESPONSE_MODEL, response.modelName());
            if (response.id() != null) span.setAttribute(RESPONSE_ID, response.id());
            if (response.finishReason() != null) {
                span.setAttribute(FINISH_REASONS, List.of(response.finishReason().name().toLowerCase(java.util.Locale.ROOT)));
            }
            if (response.tokenUsage() != null) {
                if (response.tokenUsage().inputTokenCount() != null) span.setAttribute(INPUT_TOKENS, (long) response.tokenUsage().inputTokenCount());
                if (response.tokenUsage().outputTokenCount() != null) span.setAttribute(OUTPUT_TOKENS, (long) response.tokenUsage().outputTokenCount());
            }
        } else {
            span.addEvent(name);
        }
    }
}
