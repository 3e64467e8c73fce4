package dev.catena.retrievers.store;

import dev.langchain4j.data.document.Metadata;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Turns LangChain4j {@link Metadata} into plain values a store can filter on plus a type map, and
 * back, so that an {@code Integer} stored comes back an {@code Integer} (stores that speak JSON
 * would otherwise hand back a {@code Long} or {@code Double}).
 *
 * <p>Plain values: strings and numbers as they are, UUIDs as their text. Types: one letter per key
 * ({@code S} string, {@code U} UUID, {@code I} int, {@code L} long, {@code F} float, {@code D} double).
 */
public final class MetadataCodec {

    private MetadataCodec() {}

    /** The metadata's values with UUIDs as text, in key order. */
    public static Map<String, Object> plainValues(Metadata metadata) {
        Map<String, Object> values = new LinkedHashMap<>();
        metadata.toMap().forEach((key, value) -> values.put(key, value instanceof UUID u ? u.toString() : value));
        return values;
    }

    /** The type letter of each key. */
    public static Map<String, String> types(Metadata metadata) {
        Map<String, String> types = new LinkedHashMap<>();
        metadata.toMap().forEach((key, value) -> types.put(key, typeOf(key, value)));
        return types;
    }

    /**
     * Rebuilds metadata from plain values and their type letters; a key without a type keeps the
     * natural type of its value (text stays text, whole numbers become long, others double).
     */
    public static Metadata restore(Map<String, ?> values, Map<String, String> types) {
        Map<String, Object> restored = new LinkedHashMap<>();
        values.forEach((key, value) -> {
            if (value != null) {
                restored.put(key, convert(key, value, types.get(key)));
            }
        });
        return Metadata.from(restored);
    }

    private static String typeOf(String key, Object value) {
        return switch (value) {
            case String ignored -> "S";
            case UUID ignored -> "U";
            case Integer ignored -> "I";
            case Long ignored -> "L";
            case Float ignored -> "F";
            case Double ignored -> "D";
            default -> throw new IllegalArgumentException("metadata key '" + key + "' has unsupported type "
                    + value.getClass().getName());
        };
    }

    private static Object convert(String key, Object value, String type) {
        if (type == null) {
            if (value instanceof Number n) {
                return n.doubleValue() == Math.rint(n.doubleValue()) && !(value instanceof Float || value instanceof Double)
                        ? (Object) n.longValue() : (Object) n.doubleValue();
            }
            return value.toString();
        }
        return switch (type) {
            case "S" -> value.toString();
            case "U" -> UUID.fromString(value.toString());
            case "I" -> ((Number) value).intValue();
            case "L" -> ((Number) value).longValue();
            case "F" -> ((Number) value).floatValue();
            case "D" -> ((Number) value).doubleValue();
            default -> throw new IllegalArgumentException("metadata key '" + key + "' has unknown stored type '" + type + "'");
        };
    }
}
