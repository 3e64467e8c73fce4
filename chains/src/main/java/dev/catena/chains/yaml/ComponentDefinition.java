package dev.catena.chains.yaml;

import java.util.Objects;

/**
 * One component as a file declares it: kind, name, type and the bound spec record. Two
 * definitions are equal when the files say the same thing.
 *
 * @param kind the kind, e.g. {@code Chain}
 * @param name the unique name other components use in {@code ref:}
 * @param type the registered type, e.g. {@code llm}
 * @param spec the spec record, with env/file values resolved
 */
public record ComponentDefinition(String kind, String name, String type, Object spec) {
    public ComponentDefinition {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(spec, "spec");
    }
}
