package dev.catena.samples.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import java.util.stream.Collectors;

/**
 * Reads request bodies strictly: an unknown top-level parameter, a value of the wrong type or a body that is not
 * JSON is refused with OpenAI's 400 error naming the parameter (as OpenAI does), never silently ignored.
 */
final class RequestBodies {

    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private RequestBodies() {}

    static <T> T read(String body, Class<T> type) {
        if (body == null || body.isBlank()) {
            throw new OpenAiErrors.BadRequest("the request body is empty: expected a JSON object");
        }
        JsonNode tree;
        try {
            tree = STRICT.readTree(body);
        } catch (JsonProcessingException e) {
            throw new OpenAiErrors.BadRequest("We could not parse the JSON body of your request: " + e.getOriginalMessage());
        }
        if (tree == null || !tree.isObject()) {
            throw new OpenAiErrors.BadRequest("the request body must be a JSON object");
        }
        try {
            return STRICT.treeToValue(tree, type);
        } catch (UnrecognizedPropertyException e) {
            String param = path(e);
            throw OpenAiErrors.invalid(param, "Unrecognized request argument supplied: " + param, "unknown_parameter");
        } catch (JsonProcessingException e) {
            String param = path(e instanceof JsonMappingException m ? m : null);
            throw OpenAiErrors.invalid(param.isEmpty() ? null : param, "Invalid type for '" + param + "': " + e.getOriginalMessage(), "invalid_type");
        }
    }

    /** The JSON path of the offending value, e.g. {@code messages[0].role}. */
    private static String path(JsonMappingException e) {
        if (e == null) return "";
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining()).replaceFirst("^\\.", "");
    }

    /** Refuses {@code value} below {@code min} (OpenAI's {@code integer_below_min_value}). */
    static void atLeast(String param, Number value, double min) {
        if (value != null && value.doubleValue() < min) {
            throw OpenAiErrors.invalid(param, "Invalid '" + param + "': " + (value instanceof Integer ? "integer" : "decimal")
                    + " below minimum value. Expected a value >= " + fmt(min) + ", but got " + value + " instead.",
                    value instanceof Integer ? "integer_below_min_value" : "decimal_below_min_value");
        }
    }

    /** Refuses {@code value} above {@code max} (OpenAI's {@code integer_above_max_value}). */
    static void atMost(String param, Number value, double max) {
        if (value != null && value.doubleValue() > max) {
            throw OpenAiErrors.invalid(param, "Invalid '" + param + "': " + (value instanceof Integer ? "integer" : "decimal")
                    + " above maximum value. Expected a value <= " + fmt(max) + ", but got " + value + " instead.",
                    value instanceof Integer ? "integer_above_max_value" : "decimal_above_max_value");
        }
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
