package dev.catena.chains.yaml;

import java.util.List;
import java.util.stream.Collectors;

/** A declarative file (or one it includes) is invalid; carries every error found, each located. */
public final class CatenaFileException extends RuntimeException {

    private final List<FileError> errors;

    public CatenaFileException(List<FileError> errors) {
        super(errors.stream().map(FileError::toString).collect(Collectors.joining("\n")));
        if (errors.isEmpty()) throw new IllegalArgumentException("a CatenaFileException needs at least one error");
        this.errors = List.copyOf(errors);
    }

    public CatenaFileException(FileError error) {
        this(List.of(error));
    }

    /** Every error, in file order. */
    public List<FileError> errors() {
        return errors;
    }
}
