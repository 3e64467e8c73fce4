package dev.catena.retrievers.query;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.store.embedding.filter.Filter;
import dev.langchain4j.store.embedding.filter.comparison.IsEqualTo;
import dev.langchain4j.store.embedding.filter.comparison.IsGreaterThan;
import dev.langchain4j.store.embedding.filter.comparison.IsGreaterThanOrEqualTo;
import dev.langchain4j.store.embedding.filter.comparison.IsIn;
import dev.langchain4j.store.embedding.filter.comparison.IsLessThan;
import dev.langchain4j.store.embedding.filter.comparison.IsLessThanOrEqualTo;
import dev.langchain4j.store.embedding.filter.comparison.IsNotEqualTo;
import dev.langchain4j.store.embedding.filter.comparison.IsNotIn;
import dev.langchain4j.store.embedding.filter.logical.And;
import dev.langchain4j.store.embedding.filter.logical.Not;
import dev.langchain4j.store.embedding.filter.logical.Or;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns the JSON filter grammar the self-query prompt teaches into a LangChain4j {@link Filter},
 * checking every field against the schema:
 * <pre>
 * {"op": "eq|ne|gt|gte|lt|lte", "field": "version", "value": 3}
 * {"op": "in|nin", "field": "os", "value": ["linux", "macos"]}
 * {"op": "and|or", "filters": [ ... ]}      {"op": "not", "filter": { ... }}
 * </pre>
 */
final class FilterJson {

    private final Map<String, MetadataField> fields;

    FilterJson(List<MetadataField> fields) {
        this.fields = fields.stream().collect(Collectors.toMap(MetadataField::name, f -> f));
    }

    Filter parse(JsonNode node, String path) {
        if (node == null || !node.isObject()) throw error(path, "expected an object with an \"op\"");
        String op = node.path("op").asText("");
        return switch (op) {
            case "and", "or" -> {
                JsonNode list = node.get("filters");
                if (list == null || !list.isArray() || list.isEmpty()) throw error(path, "\"" + op + "\" needs a non-empty \"filters\" array");
                Filter result = null;
                for (int i = 0; i < list.size(); i++) {
                    Filter f = parse(list.get(i), path + ".filters[" + i + "]");
                    result = result == null ? f : op.equals("and") ? new And(result, f) : new Or(result, f);
                }
                yield result;
            }
            case "not" -> new Not(parse(node.get("filter"), path + ".filter"));
            case "eq", "ne", "gt", "gte", "lt", "lte", "in", "nin" -> comparison(op, node, path);
            default -> throw error(path, "unknown op '" + op + "' (expected eq, ne, gt, gte, lt, lte, in, nin, and, or, not)");
        };
    }

    private Filter comparison(String op, JsonNode node, String path) {
        String name = node.path("field").asText("");
        MetadataField field = fields.get(name);
        if (field == null) throw error(path, "unknown field '" + name + "' (known: " + fields.keySet().stream().sorted().toList() + ")");
        JsonNode value = node.get("value");
        if (value == null || value.isNull()) throw error(path, "missing \"value\" for field '" + name + "'");
        if (op.equals("in") || op.equals("nin")) {
            if (!value.isArray() || value.isEmpty()) throw error(path, "\"" + op + "\" needs a non-empty array \"value\"");
            List<Object> values = new ArrayList<>();
            for (int i = 0; i < value.size(); i++) values.add(convert(field, value.get(i), path));
            return op.equals("in") ? new IsIn(name, values) : new IsNotIn(name, values);
        }
        Object v = convert(field, value, path);
        if (field.type() == MetadataField.Type.STRING && !op.equals("eq") && !op.equals("ne")) {
            throw error(path, "field '" + name + "' is a string; only eq, ne, in, nin apply, not " + op);
        }
        return switch (op) {
            case "eq" -> new IsEqualTo(name, v);
            case "ne" -> new IsNotEqualTo(name, v);
            case "gt" -> new IsGreaterThan(name, (Comparable<?>) v);
            case "gte" -> new IsGreaterThanOrEqualTo(name, (Comparable<?>) v);
            case "lt" -> new IsLessThan(name, (Comparable<?>) v);
            default -> new IsLessThanOrEqualTo(name, (Comparable<?>) v);
        };
    }

    private Object convert(MetadataField field, JsonNode value, String path) {
        switch (field.type()) {
            case STRING -> {
                if (!value.isTextual()) throw error(path, "field '" + field.name() + "' expects a string, got " + value);
                String s = value.asText();
                if (!field.allowedValues().isEmpty() && !field.allowedValues().contains(s)) {
                    throw error(path, "field '" + field.name() + "' has no value '" + s + "' (allowed: " + field.allowedValues() + ")");
                }
                return s;
            }
            case INTEGER -> {
                if (!value.canConvertToExactIntegral() || !value.canConvertToInt()) {
                    throw error(path, "field '" + field.name() + "' expects an integer, got " + value);
                }
                return value.asInt();
            }
            default -> {
                if (!value.isNumber()) throw error(path, "field '" + field.name() + "' expects a number, got " + value);
                return value.asDouble();
            }
        }
    }

    private static SelfQueryException error(String path, String message) {
        return new SelfQueryException("filter " + path + ": " + message, null);
    }
}
