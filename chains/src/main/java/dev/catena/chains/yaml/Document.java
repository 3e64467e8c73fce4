package dev.catena.chains.yaml;

import java.util.List;

/**
 * What one file says: its kind ({@code Bundle} or a component kind), the files it includes and
 * its components (exactly one unless the kind is {@code Bundle}). Records compare by value, so a
 * document read back from what {@link DefinitionWriter} wrote equals the original.
 *
 * @param kind       {@code Bundle} or the kind of the single component
 * @param includes   relative paths of included files, as written
 * @param components the components in file order
 */
public record Document(String kind, List<String> includes, List<ComponentDefinition> components) {
    public Document {
        includes = List.copyOf(includes);
        components = List.copyOf(components);
        if (!"Bundle".equals(kind) && components.size() != 1) {
            throw new IllegalArgumentException("a " + kind + " document holds exactly one component, got " + components.size());
        }
    }

    /** The API version this code reads and writes. */
    public static final String API_VERSION = "catena/v1";
}
