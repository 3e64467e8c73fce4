package dev.catena.retrievers.loader;

import dev.langchain4j.data.document.Document;

import java.nio.file.Path;
import java.util.List;

/**
 * Reads one file into documents. Most formats give one document; paged formats (PDF) give one per
 * page. Every document carries {@link MetadataKeys#SOURCE}, {@link MetadataKeys#TITLE} and
 * {@link MetadataKeys#CONTENT_TYPE}.
 */
@FunctionalInterface
public interface FileLoader {

    /**
     * Loads {@code file}.
     *
     * @throws DocumentLoadException naming the file when it cannot be read or parsed
     */
    List<Document> load(Path file);
}
