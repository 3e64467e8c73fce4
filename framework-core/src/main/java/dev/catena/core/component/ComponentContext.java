package dev.catena.core.component;

/** What a {@link ComponentType} may ask of the loader while creating a component. */
public interface ComponentContext {

    /** Resolves a {@code ref:} to a component of the file, an included file or a host bean. */
    <T> T resolve(String ref, Class<T> type);

    /** The value of an allow-listed environment variable, or an error naming it if not allowed. */
    String env(String name);
}
