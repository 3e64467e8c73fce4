package dev.catena.retrievers.loader;

import dev.langchain4j.data.document.Document;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loads a UTF-8 Markdown file as one document. The title is the first level-1 heading, else the
 * file name. The text is kept as written so that splitters can follow its headings.
 */
public final class MarkdownLoader implements FileLoader {

    private static final Pattern H1 = Pattern.compile("(?m)^# +(.+?)\\s*#*\\s*$");

    @Override
    public List<Document> load(Path file) {
        String text = FileLoader.readUtf8(file);
        Matcher m = H1.matcher(text);
        String title = m.find() ? m.group(1) : null;
        return List.of(Document.from(text, FileLoader.metadata(file, "text/markdown", title)));
    }
}
