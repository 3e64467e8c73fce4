package dev.catena.retrievers.loader;

import java.nio.file.Path;

/** A file could not be loaded; the message names the file and the reason. */
public final class DocumentLoadException extends RuntimeException {

    private final transient Path file;
    private final String reason;

    public DocumentLoadException(Path file, String reason, Throwable cause) {
        super("cannot load " + file + ": " + reason, cause);
        this.file = file;
        this.reason = reason;
    }

    /** Why the file could not be loaded, without its name. */
    public String reason() {
        return reason;
    }

    /** The file that failed. */
    public Path file() {
        return file;
    }
}
