package dev.catena.retrievers.loader;

import dev.langchain4j.data.document.Document;

import java.nio.file.Path;
import java.util.List;

/** Loads a UTF-8 plain-text file as one document titled with the file name. */
public final class TextLoader implements FileLoader {

    @Override
    public List<Document> load(Path file) {
        String text = FileLoader.readUtf8(file);
        return List.of(Document.from(text, FileLoader.metadata(file, "text/plain", null)));
    }
}
