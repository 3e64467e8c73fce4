package dev.catena.retrievers.query;

import java.util.List;
import java.util.Objects;

/**
 * A metadata field the self-query LLM may filter on: its key, value type, a description for the
 * model and, optionally, the values it can take.
 */
public record MetadataField(String name, Type type, String description, List<String> allowedValues) {

    /** Value types a filter can compare. */
    public enum Type { STRING, INTEGER, NUMBER }

    public MetadataField {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        description = description == null ? "" : description;
        allowedValues = allowedValues == null ? List.of() : List.copyOf(allowedValues);
    }

    public static MetadataField string(String name, String description, String... allowedValues) {
        return new MetadataField(name, Type.STRING, description, List.of(allowedValues));
    }

    public static MetadataField integer(String name, String description) {
        return new MetadataField(name, Type.INTEGER, description, List.of());
    }

    public static MetadataField number(String name, String description) {
        return new MetadataField(name, Type.NUMBER, description, List.of());
    }
}
