package dev.catena.retrievers.loader;

import java.util.Map;

/**
 * Loaders for more file types, which every {@link DirectoryLoader} finds through {@link java.util.ServiceLoader}
 * (file {@code META-INF/services/dev.catena.retrievers.loader.FileLoaderProvider}); catena-retrievers-documents
 * provides HTML and PDF this way, so that their parsers stay out of this artifact.
 */
public interface FileLoaderProvider {

    /** The loaders by file extension (lower case, without the dot). */
    Map<String, FileLoader> loaders();
}
