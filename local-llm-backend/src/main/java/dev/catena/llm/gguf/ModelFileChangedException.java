package dev.catena.llm.gguf;

import java.nio.file.Path;

/**
 * The model file a loaded model maps was deleted, replaced, truncated or rewritten: the model refuses to read
 * it (a truncated mapping faults) until it is loaded again.
 */
public class ModelFileChangedException extends IllegalStateException {
    private final Path file;

    public ModelFileChangedException(Path file, String how) {
        super("model file " + file + " changed while the model was loaded: " + how
                + "; load the model again (to update a model file in use, write the new file beside it and rename it over the old one)");
        this.file = file;
    }

    /** The file that changed. */
    public Path file() {
        return file;
    }
}
