package dev.catena.retrievers.loader;

import java.nio.file.Path;

/** A file could not be loaded; the message names the file and the reason. */
public final class DocumentLoadException extends RuntimeException {

    private final transient Path file;

    public DocumentLoadException(Path file, String reason, Throwable cause) {
        super("cannot load " + file + ": " + reason, cause);
        this.file = file;
    }

    /** The file that failed. */
    public Path file() {
        return file;
    }
}
