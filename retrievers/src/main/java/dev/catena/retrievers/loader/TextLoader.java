package dev.catena.retrievers.loader;

import dev.langchain4j.data.document.Document;

import java.nio.file.Path;
import java.util.List;

/** Loads a UTF-8 plain-text file as one document titled with the file name. */
public final class TextLoader implements FileLoader {

    @Override
    public List<Document> load(Path file) {
        String text = Files2.readUtf8(file);
        return List.of(Document.from(text, Files2.baseMetadata(file, "text/plain", null)));
    }
}
