package dev.catena.llm.gguf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Objects;
import java.util.Optional;

/**
 * Which file a path named when a model was mapped (device and inode, size, modification time), to tell
 * whether the file under the path has since been deleted, replaced, truncated or rewritten. A mapped page
 * of a file truncated under it faults when read (SIGBUS: fatal inside native kernels), so a model checks
 * this before each request and each generated token.
 *
 * @param path     the file
 * @param fileKey  the file system's identity of the file (device and inode on Linux), or null where there is none
 * @param size     its size in bytes
 * @param modified its last modification time
 */
public record FileIdentity(Path path, Object fileKey, long size, FileTime modified) {
    public FileIdentity {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(modified, "modified");
    }

    /** The identity of the file at {@code path} now. */
    public static FileIdentity of(Path path) {
        try {
            BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
            return new FileIdentity(path, a.fileKey(), a.size(), a.lastModifiedTime());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the attributes of " + path + ": " + e.getMessage(), e);
        }
    }

    /** How the file at {@link #path()} differs from this identity now, or empty when it is the same file, unchanged. */
    public Optional<String> change() {
        BasicFileAttributes now;
        try {
            now = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return Optional.of("it was deleted");
        } catch (IOException e) {
            return Optional.of("it cannot be read any more (" + e.getMessage() + ")");
        }
        if (fileKey != null && !fileKey.equals(now.fileKey())) return Optional.of("another file was put in its place");
        if (now.size() != size) {
            return Optional.of("its size changed from " + size + " to " + now.size() + " bytes (" + (now.size() < size ? "truncated" : "rewritten") + ")");
        }
        if (!now.lastModifiedTime().equals(modified)) return Optional.of("it was rewritten (modified at " + now.lastModifiedTime() + ")");
        return Optional.empty();
    }

    /** Throws {@link ModelFileChangedException} when {@link #change()} finds one. */
    public void check() {
        change().ifPresent(how -> {
            throw new ModelFileChangedException(path, how);
        });
    }
}
