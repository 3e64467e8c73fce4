package dev.catena.core.eval;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;
import java.util.Objects;

/**
 * One case of a dataset.
 *
 * @param id       unique within its dataset
 * @param input    what the evaluated runnable is given
 * @param expected what a scorer compares the output with (JSON values other than strings as JSON text); may be empty
 * @param fields   the line's other fields (a category, a tolerance...), for custom scorers and reports
 */
public record EvalCase(String id, String input, String expected, Map<String, JsonNode> fields) {
    public EvalCase {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(input, "input");
        expected = expected == null ? "" : expected;
        fields = fields == null ? Map.of() : Map.copyOf(fields);
    }

    /** A case without extra fields. */
    public static EvalCase of(String id, String input, String expected) {
        return new EvalCase(id, input, expected, Map.of());
    }

    /** The text of extra field {@code name}, or {@code fallback} when the line has none. */
    public String field(String name, String fallback) {
        JsonNode value = fields.get(name);
        return value == null || value.isNull() ? fallback : value.isTextual() ? value.asText() : value.toString();
    }
}
