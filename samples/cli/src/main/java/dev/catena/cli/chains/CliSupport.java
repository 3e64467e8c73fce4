package dev.catena.cli.chains;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.catena.chains.yaml.CatenaFileException;
import dev.langchain4j.data.document.Document;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.rag.content.Content;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the chains commands share: exit codes, error printing and how results are shown. */
final class CliSupport {

    /** Success. */
    static final int OK = 0;
    /** The run failed (model or runtime error, or a file could not be written). */
    static final int FAILED = 1;
    /** Bad input: a bad command line, a missing or invalid file, a chain that cannot be created. */
    static final int BAD_INPUT = 2;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private CliSupport() {}

    /** Prints one error line {@code catena: message} (the root command's name first). */
    static void printError(CommandSpec spec, String message) {
        spec.commandLine().getErr().println(spec.root().name() + ": " + message);
    }

    /** Prints every error of an invalid file, one per line, as {@code file:line:column key: message}. */
    static void printErrors(CommandSpec spec, Path file, CatenaFileException e) {
        PrintWriter err = spec.commandLine().getErr();
        printError(spec, file + ": " + e.errors().size() + (e.errors().size() == 1 ? " error" : " errors"));
        e.errors().forEach(error -> err.println("  " + error));
    }

    /** A chain result as text: strings as they are, anything else as JSON (documents as text and metadata). */
    static String show(Object value) {
        if (value instanceof CharSequence s) return s.toString();
        try {
            return JSON.writeValueAsString(plain(value, 0));
        } catch (JsonProcessingException e) {
            return String.valueOf(value);
        }
    }

    private static Object plain(Object value, int depth) {
        if (depth > 20) return String.valueOf(value);
        return switch (value) {
            case null -> null;
            case CharSequence s -> s.toString();
            case Number n -> n;
            case Boolean b -> b;
            case Content c -> segment(c.textSegment());
            case TextSegment s -> segment(s);
            case Document d -> Map.of("text", d.text(), "metadata", d.metadata().toMap());
            case AiMessage m -> m.text();
            case ChatMessage m -> m.toString();
            case Map<?, ?> m -> {
                Map<String, Object> out = new LinkedHashMap<>();
                m.forEach((k, v) -> out.put(String.valueOf(k), plain(v, depth + 1)));
                yield out;
            }
            case Collection<?> c -> {
                List<Object> out = new ArrayList<>();
                for (Object o : c) out.add(plain(o, depth + 1));
                yield out;
            }
            case com.fasterxml.jackson.databind.JsonNode n -> n;
            default -> value.toString();
        };
    }

    private static Map<String, Object> segment(TextSegment s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("text", s.text());
        if (!s.metadata().toMap().isEmpty()) out.put("metadata", s.metadata().toMap());
        return out;
    }

    static String message(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
