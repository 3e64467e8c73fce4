package dev.catena.chains.yaml;

import java.nio.file.Path;

/**
 * One problem in a declarative file, located so a user can fix it: file, 1-based line and column
 * (0 when unknown), the key path inside the document (e.g. {@code chains[2].model}) and what was wrong.
 *
 * @param file    the file, as the user named it
 * @param line    1-based line, or 0 when unknown
 * @param column  1-based column, or 0 when unknown
 * @param keyPath the key path, or empty for the whole file
 * @param message what was wrong and what was expected
 */
public record FileError(Path file, int line, int column, String keyPath, String message) {

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(file.getFileName() == null ? file.toString() : file.getFileName().toString());
        if (line > 0) sb.append(':').append(line).append(':').append(column);
        sb.append(' ');
        if (!keyPath.isEmpty()) sb.append(keyPath).append(": ");
        return sb.append(message).toString();
    }
}
