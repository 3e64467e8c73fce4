package dev.catena.core.component;

import java.nio.file.Path;

/**
 * What a {@link ComponentType} may ask of the loader while creating a component. Errors thrown
 * here already name the file, line, column and key of the offending value.
 */
public interface ComponentContext {

    /** Resolves a {@code ref:} to a component of the file, an included file or a host bean. */
    <T> T resolve(String ref, Class<T> type);

    /** The value of an allow-listed environment variable, or an error naming it if not allowed. */
    String env(String name);

    /**
     * Resolves a reference field of the spec: {@code {ref: name}} to a component of the file or an
     * included file, {@code {bean: name}} to an object the host application registered with the
     * loader. Fails with a located error when the target is missing or not a {@code type}.
     */
    default <T> T resolve(Ref ref, Class<T> type) {
        return resolve(ref.name(), type);
    }

    /** The name of the component being created (its {@code name:}). */
    default String name() {
        return "";
    }

    /**
     * A file path given in the spec, resolved against the directory of the declaring YAML file.
     * Fails when the path is absolute or escapes that directory.
     */
    default Path path(String relative) {
        throw new UnsupportedOperationException("this context does not resolve file paths");
    }
}
