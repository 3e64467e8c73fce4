package dev.catena.llm.chat;

import dev.catena.llm.compute.kernel.KernelCompute;
import dev.catena.llm.gguf.ModelFileChangedException;
import dev.catena.llm.model.Model;

import java.io.UncheckedIOException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Loads each model file once and shares it: every caller of {@link #get} for the same file gets the same
 * {@link Model} (weights mapped once), while each conversation gets its own session and KV cache.
 * A model whose file was deleted, replaced, truncated or rewritten since it was loaded is loaded again by
 * the next {@link #get}; the old one keeps failing the requests that still hold it, naming the file.
 * Thread-safe. Closing the registry closes its models.
 */
public final class ModelRegistry implements AutoCloseable {

    private final int threads;
    private final Map<Path, Model> models = new ConcurrentHashMap<>();
    /** Models replaced after their file changed: requests may still hold them, so they close with the registry. */
    private final List<Model> replaced = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile boolean closed;

    /** @param threads compute threads of each model loaded */
    public ModelRegistry(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.threads = threads;
    }

    /** A registry with one compute thread per available processor. */
    public ModelRegistry() {
        this(Runtime.getRuntime().availableProcessors());
    }

    /** The model of {@code file}, loaded on first use. */
    public Model get(Path file) {
        if (closed) {
            throw new IllegalStateException("the model registry is closed");
        }
        return models.compute(canonical(file), (f, loaded) -> {
            if (loaded != null && unchanged(loaded)) return loaded;
            Model fresh = Model.load(f, KernelCompute.preferred(threads)); // a file that is no model now fails here, naming it, every time
            if (loaded != null) replaced.add(loaded);
            return fresh;
        });
    }

    private static boolean unchanged(Model model) {
        try {
            model.checkFile();
            return true;
        } catch (ModelFileChangedException e) {
            return false;
        }
    }

    /** A chat model over the shared model of {@code file}, with default settings. */
    public LocalChatModel chatModel(Path file) {
        return LocalChatModel.builder().model(get(file)).build();
    }

    /** The models loaded so far. */
    public List<Model> loaded() {
        return List.copyOf(models.values());
    }

    private static Path canonical(Path file) {
        try {
            return file.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open model file " + file, e);
        }
    }

    @Override
    public void close() {
        closed = true;
        models.values().forEach(Model::close);
        models.clear();
        replaced.forEach(Model::close);
        replaced.clear();
    }
}
