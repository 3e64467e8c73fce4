package dev.catena.core.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a dataset in JSON Lines: one object per line with {@code input} (required), {@code id} (default: the line
 * number) and {@code expected} (optional); every other field is kept in {@link EvalCase#fields()}. Blank lines and
 * lines starting with {@code #} or {@code //} are skipped. A bad line is an error naming the file and line.
 */
public final class EvalDataset {
    private static final ObjectMapper JSON = new ObjectMapper();

    private EvalDataset() {}

    /** The cases of {@code file}, in order. */
    public static List<EvalCase> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read dataset " + file + ": " + e.getMessage(), e);
        }
        return parse(lines, file.toString());
    }

    /** The cases of JSONL {@code lines}; {@code source} names them in errors. */
    public static List<EvalCase> parse(List<String> lines, String source) {
        List<EvalCase> cases = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("//")) continue;
            String where = source + ":" + (i + 1);
            JsonNode node;
            try {
                node = JSON.readTree(line);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException(where + ": not a JSON object: " + e.getOriginalMessage());
            }
            if (node == null || !node.isObject()) throw new IllegalArgumentException(where + ": not a JSON object");
            JsonNode input = node.get("input");
            if (input == null || !input.isTextual()) throw new IllegalArgumentException(where + ": needs a string 'input'");
            String id = node.hasNonNull("id") ? node.get("id").asText() : String.valueOf(i + 1);
            if (!ids.add(id)) throw new IllegalArgumentException(where + ": id '" + id + "' is used twice");
            JsonNode expected = node.get("expected");
            Map<String, JsonNode> fields = new LinkedHashMap<>();
            node.properties().forEach(e -> {
                if (!Set.of("id", "input", "expected").contains(e.getKey())) fields.put(e.getKey(), e.getValue());
            });
            cases.add(new EvalCase(id, input.asText(),
                    expected == null || expected.isNull() ? "" : expected.isTextual() ? expected.asText() : expected.toString(), fields));
        }
        if (cases.isEmpty()) throw new IllegalArgumentException(source + ": the dataset has no cases");
        return List.copyOf(cases);
    }
}
