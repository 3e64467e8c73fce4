package dev.catena.retrievers.chroma;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.catena.retrievers.store.StoreException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Decodes Chroma's JSON answers into {@link ChromaRecords} and {@link ChromaQueryResult}. The
 * server is not trusted: a missing or mistyped field, or lists of different lengths, is a
 * {@link StoreException} naming the field, never a {@code NullPointerException} or a silent gap.
 */
public final class ChromaResponses {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_MESSAGE = 500;

    private ChromaResponses() {}

    /** The records of a {@code get} answer ({@code {"ids": [...], "embeddings": [...], ...}}). */
    public static ChromaRecords records(JsonNode node, String context) {
        if (node == null || !node.isObject()) {
            throw bad(context, "the answer is not a JSON object");
        }
        return records(node, context, Function.identity());
    }

    /** The first (only) row of a {@code query} answer, whose lists are nested one level per query embedding. */
    public static ChromaQueryResult query(JsonNode node, String context) {
        if (node == null || !node.isObject()) {
            throw bad(context, "the answer is not a JSON object");
        }
        JsonNode ids = node.get("ids");
        if (ids == null || !ids.isArray() || ids.size() != 1) {
            throw bad(context, "'ids' must be an array with one row per query embedding, was " + abbreviate(String.valueOf(ids)));
        }
        ChromaRecords records = records(node, context, list -> list == null || list.isNull() ? null : firstRow(list, context));
        JsonNode distances = firstRow(node.get("distances"), context);
        if (distances == null || !distances.isArray() || distances.size() != records.size()) {
            throw bad(context, "'distances' must hold one number per id, was " + abbreviate(String.valueOf(node.get("distances"))));
        }
        List<Double> values = new ArrayList<>(distances.size());
        for (JsonNode d : distances) {
            if (!d.isNumber()) {
                throw bad(context, "distance " + abbreviate(d.toString()) + " is not a number");
            }
            values.add(d.doubleValue());
        }
        return new ChromaQueryResult(records, values);
    }

    /** The {@code message} of a Chroma error body ({@code {"error": ..., "message": ...}}), else the body itself, shortened. */
    public static String errorMessage(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            if (node != null && node.isObject() && node.has("message")) {
                String error = node.path("error").asText("");
                return abbreviate((error.isEmpty() ? "" : error + ": ") + node.get("message").asText());
            }
        } catch (Exception e) {
            // not JSON: fall through to the raw text
        }
        return body == null || body.isBlank() ? "(empty body)" : abbreviate(body);
    }

    static String abbreviate(String text) {
        return text.length() <= MAX_MESSAGE ? text : text.substring(0, MAX_MESSAGE) + "...";
    }

    private static JsonNode firstRow(JsonNode list, String context) {
        if (list == null || list.isNull()) {
            return null;
        }
        if (!list.isArray() || list.size() != 1) {
            throw bad(context, "expected one row per query embedding, got " + abbreviate(list.toString()));
        }
        return list.get(0);
    }

    private static ChromaRecords records(JsonNode node, String context, Function<JsonNode, JsonNode> row) {
        JsonNode ids = row.apply(node.get("ids"));
        if (ids == null || !ids.isArray()) {
            throw bad(context, "'ids' is missing or not an array");
        }
        List<String> idList = new ArrayList<>(ids.size());
        for (JsonNode id : ids) {
            if (!id.isTextual()) {
                throw bad(context, "id " + abbreviate(id.toString()) + " is not a string");
            }
            idList.add(id.asText());
        }
        int n = idList.size();
        List<float[]> embeddings = list(row.apply(node.get("embeddings")), n, "embeddings", context, e -> vector(e, context));
        List<String> documents = list(row.apply(node.get("documents")), n, "documents", context, d -> {
            if (!d.isTextual()) {
                throw bad(context, "document " + abbreviate(d.toString()) + " is not a string");
            }
            return d.asText();
        });
        List<Map<String, Object>> metadatas = list(row.apply(node.get("metadatas")), n, "metadatas", context, m -> metadata(m, context));
        return new ChromaRecords(idList, embeddings, documents, metadatas);
    }

    private static <T> List<T> list(JsonNode array, int size, String field, String context, Function<JsonNode, T> element) {
        if (array == null || array.isNull()) {
            return null;
        }
        if (!array.isArray() || array.size() != size) {
            throw bad(context, "'" + field + "' must be an array of " + size + " elements, was " + abbreviate(array.toString()));
        }
        List<T> values = new ArrayList<>(size);
        for (JsonNode e : array) {
            values.add(e.isNull() ? null : element.apply(e));
        }
        return values;
    }

    private static float[] vector(JsonNode node, String context) {
        if (!node.isArray()) {
            throw bad(context, "embedding " + abbreviate(node.toString()) + " is not an array");
        }
        float[] v = new float[node.size()];
        for (int i = 0; i < v.length; i++) {
            JsonNode x = node.get(i);
            if (!x.isNumber()) {
                throw bad(context, "embedding component " + abbreviate(x.toString()) + " is not a number");
            }
            v[i] = x.floatValue();
        }
        return v;
    }

    private static Map<String, Object> metadata(JsonNode node, String context) {
        if (!node.isObject()) {
            throw bad(context, "metadata " + abbreviate(node.toString()) + " is not an object");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            JsonNode v = field.getValue();
            Object value;
            if (v.isTextual()) {
                value = v.asText();
            } else if (v.isIntegralNumber()) {
                if (!v.canConvertToLong()) {
                    throw bad(context, "metadata '" + field.getKey() + "' is an integer out of the long range");
                }
                value = v.longValue();
            } else if (v.isNumber()) {
                value = v.doubleValue();
            } else if (v.isBoolean()) {
                value = v.booleanValue();
            } else if (v.isNull()) {
                continue;
            } else {
                throw bad(context, "metadata '" + field.getKey() + "' has a value that is not a string, number or boolean: "
                        + abbreviate(v.toString()));
            }
            values.put(field.getKey(), value);
        }
        return values;
    }

    private static StoreException bad(String context, String what) {
        return new StoreException("Chroma " + context + ": unexpected answer: " + what);
    }
}
