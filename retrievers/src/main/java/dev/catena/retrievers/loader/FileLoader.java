package dev.catena.retrievers.loader;

import dev.langchain4j.data.document.Document;
import dev.langchain4j.data.document.Metadata;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads one file into documents. Most formats give one document; paged formats (PDF) give one per
 * page. Every document carries {@link MetadataKeys#SOURCE}, {@link MetadataKeys#TITLE} and
 * {@link MetadataKeys#CONTENT_TYPE}; {@link #metadata} builds them.
 */
@FunctionalInterface
public interface FileLoader {

    /**
     * Loads {@code file}.
     *
     * @throws DocumentLoadException naming the file when it cannot be read or parsed
     */
    List<Document> load(Path file);

    /**
     * The file's text, decoded strictly as UTF-8, with CRLF line ends made LF.
     *
     * @throws DocumentLoadException naming the file when it cannot be read or is not UTF-8
     */
    static String readUtf8(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString().replace("\r\n", "\n");
        } catch (CharacterCodingException e) {
            throw new DocumentLoadException(file, "not valid UTF-8 text", e);
        } catch (IOException e) {
            throw new DocumentLoadException(file, e.toString(), e);
        }
    }

    /** The metadata every loaded document carries: source, content type and title (the file's base name when {@code title} is blank). */
    static Metadata metadata(Path file, String contentType, String title) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String baseName = dot > 0 ? name.substring(0, dot) : name;
        return new Metadata()
                .put(MetadataKeys.SOURCE, file.toString())
                .put(MetadataKeys.CONTENT_TYPE, contentType)
                .put(MetadataKeys.TITLE, title == null || title.isBlank() ? baseName : title.strip());
    }
}
