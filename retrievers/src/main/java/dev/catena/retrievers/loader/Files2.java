package dev.catena.retrievers.loader;

import dev.langchain4j.data.document.Metadata;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Shared helpers for the loaders: strict UTF-8 reading and base metadata. */
final class Files2 {

    private Files2() {
    }

    static String readUtf8(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString()
                    .replace("\r\n", "\n");
        } catch (CharacterCodingException e) {
            throw new DocumentLoadException(file, "not valid UTF-8 text", e);
        } catch (IOException e) {
            throw new DocumentLoadException(file, e.toString(), e);
        }
    }

    static Metadata baseMetadata(Path file, String contentType, String title) {
        return new Metadata()
                .put(MetadataKeys.SOURCE, file.toString())
                .put(MetadataKeys.CONTENT_TYPE, contentType)
                .put(MetadataKeys.TITLE, title == null || title.isBlank() ? baseName(file) : title.strip());
    }

    static String baseName(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
