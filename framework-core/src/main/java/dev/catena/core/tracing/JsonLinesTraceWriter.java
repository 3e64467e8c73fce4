package dev.catena.core.tracing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.catena.core.callback.CallbackHandler;
import dev.catena.core.callback.RunInfo;
import dev.catena.core.model.ModelEvents;
import dev.catena.core.prompt.PromptValue;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes every run event as one JSON object per line: {@code ts}, {@code event} (start, end, error,
 * token, retry or a custom event name), {@code run_id}, {@code parent_run_id}, {@code name},
 * {@code tags}, {@code metadata} and the payload ({@code input}, {@code output}, {@code error}...).
 * Payloads are rendered as JSON where they are plain data (strings, numbers, maps, lists, messages)
 * and as their {@code toString()} otherwise, cut at {@code maxChars}. Thread-safe; close it to flush.
 */
public final class JsonLinesTraceWriter implements CallbackHandler, Closeable {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Writer out;
    private final boolean includePayloads;
    private final boolean includeTokens;
    private final int maxChars;

    /**
     * @param out             where lines go
     * @param includePayloads whether inputs and outputs are written (off: ids, names and timings only)
     * @param includeTokens   whether each streamed token is a line of its own
     * @param maxChars        the longest string written for one payload
     */
    public JsonLinesTraceWriter(Writer out, boolean includePayloads, boolean includeTokens, int maxChars) {
        this.out = Objects.requireNonNull(out, "out");
        this.includePayloads = includePayloads;
        this.includeTokens = includeTokens;
        this.maxChars = maxChars;
    }

    /** Appends to {@code file} (created if absent), with payloads, without per-token lines. */
    public static JsonLinesTraceWriter toFile(Path file) {
        try {
            if (file.getParent() != null) Files.createDirectories(file.getParent());
            return new JsonLinesTraceWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND), true, false, 4000);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open trace file " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void onStart(RunInfo run, Object input) {
        write(run, "start", "input", input);
    }

    @Override
    public void onEnd(RunInfo run, Object output) {
        write(run, "end", "output", output);
    }

    @Override
    public void onError(RunInfo run, Throwable error) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("type", error.getClass().getName());
        e.put("message", error.getMessage());
        writeLine(base(run, "error"), "error", e);
    }

    @Override
    public void onToken(RunInfo run, String token) {
        if (includeTokens) write(run, "token", "token", token);
    }

    @Override
    public void onRetry(RunInfo run, int attempt, Throwable error) {
        Map<String, Object> line = base(run, "retry");
        line.put("attempt", attempt);
        writeLine(line, "error", error.toString());
    }

    @Override
    public void onEvent(RunInfo run, String name, Object payload) {
        write(run, name, "payload", payload);
    }

    private void write(RunInfo run, String event, String key, Object payload) {
        writeLine(base(run, event), key, payload);
    }

    private Map<String, Object> base(RunInfo run, String event) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("ts", Instant.now().toString());
        line.put("event", event);
        line.put("run_id", run.runId().toString());
        line.put("parent_run_id", run.parentRunId() == null ? null : run.parentRunId().toString());
        line.put("name", run.name());
        if (!run.tags().isEmpty()) line.put("tags", List.copyOf(run.tags()));
        if (!run.metadata().isEmpty()) line.put("metadata", render(run.metadata(), 0));
        return line;
    }

    private void writeLine(Map<String, Object> line, String key, Object payload) {
        if (includePayloads || key.equals("error")) line.put(key, render(payload, 0));
        String json;
        try {
            json = MAPPER.writeValueAsString(line);
        } catch (JsonProcessingException e) {
            line.put(key, "<unserializable " + e.getOriginalMessage() + ">");
            json = String.valueOf(line);
        }
        synchronized (out) {
            try {
                out.write(json);
                out.write('\n');
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write trace line: " + e.getMessage(), e);
            }
        }
    }

    private Object render(Object value, int depth) {
        if (depth > 8) return cut(String.valueOf(value));
        return switch (value) {
            case null -> null;
            case String s -> cut(s);
            case Number n -> n;
            case Boolean b -> b;
            case JsonNode n -> n;
            case PromptValue p -> cut(p.toText());
            case AiMessage m when !m.hasToolExecutionRequests() -> cut(m.text() == null ? "" : m.text());
            case ChatMessage m -> cut(m.toString());
            case ModelEvents.Request r -> Map.of("provider", r.provider(), "messages", r.request().messages().size());
            case ModelEvents.Response r -> cut(String.valueOf(r.response().tokenUsage()));
            case Map<?, ?> map -> {
                Map<String, Object> out = new LinkedHashMap<>();
                map.forEach((k, v) -> out.put(String.valueOf(k), render(v, depth + 1)));
                yield out;
            }
            case Collection<?> c -> {
                List<Object> out = new ArrayList<>(c.size());
                for (Object o : c) out.add(render(o, depth + 1));
                yield out;
            }
            default -> cut(value.toString());
        };
    }

    private String cut(String s) {
        return s.length() <= maxChars ? s : s.substring(0, maxChars) + "...(" + s.length() + " chars)";
    }

    @Override
    public void close() throws IOException {
        synchronized (out) {
            out.close();
        }
    }
}
