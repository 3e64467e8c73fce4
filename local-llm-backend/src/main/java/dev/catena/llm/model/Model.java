package dev.catena.llm.model;

import dev.catena.llm.compute.Compute;
import dev.catena.llm.gguf.GgufFile;
import dev.catena.llm.gguf.GgufMetadata;
import dev.catena.llm.template.ChatTemplate;
import dev.catena.llm.tokenizer.Tokenizer;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A loaded GGUF model: configuration, memory-mapped weights, tokenizer, chat template and the
 * {@link Transformer} over them. Immutable and safe to share between threads; each conversation opens
 * its own {@link #newSession() session}. Closing it unmaps the file and stops the compute threads.
 */
public final class Model implements AutoCloseable {

    /** Context given to a session when the caller does not say (bounded to keep KV memory modest). */
    public static final int DEFAULT_CONTEXT = 4096;

    private final Path file;
    private final GgufFile gguf;
    private final ModelConfig config;
    private final Tokenizer tokenizer;
    private final ChatTemplate template;
    private final Transformer transformer;
    private final Generator generator;

    private Model(Path file, GgufFile gguf, ModelConfig config, Tokenizer tokenizer, ChatTemplate template,
                  Transformer transformer) {
        this.file = file;
        this.gguf = gguf;
        this.config = config;
        this.tokenizer = tokenizer;
        this.template = template;
        this.transformer = transformer;
        this.generator = new Generator(tokenizer);
    }

    /**
     * Throws {@link dev.catena.llm.gguf.ModelFileChangedException} when the model's file was deleted, replaced,
     * truncated or rewritten since it was loaded (a truncated mapping would fault when read).
     */
    public void checkFile() {
        gguf.checkUnchanged();
    }

    /**
     * Opens a GGUF file and prepares it for inference on {@code compute} (such as
     * {@code KernelCompute.preferred(threads)}). The model owns the compute: it closes it when it is closed,
     * and at once when loading fails.
     *
     * @throws dev.catena.llm.gguf.GgufFormatException  when the file is malformed or lacks a tensor
     * @throws dev.catena.llm.UnsupportedModelException for an architecture or type not supported
     */
    public static Model load(Path file, Compute compute) {
        Objects.requireNonNull(compute, "compute");
        GgufFile gguf;
        try {
            gguf = GgufFile.open(Objects.requireNonNull(file, "file"));
        } catch (RuntimeException e) {
            compute.close();
            throw e;
        }
        try {
            String source = file.toString();
            GgufMetadata md = gguf.metadata();
            ModelConfig config = ModelConfig.fromGguf(md, source);
            Weights weights = Weights.load(config, name -> gguf.hasTensor(name) ? gguf.tensor(name) : null, source);
            Tokenizer tokenizer = Tokenizer.fromGguf(md);
            ChatTemplate template = ChatTemplate.fromGguf(md, tokenizer);
            return new Model(file, gguf, config, tokenizer, template, new Transformer(config, weights, compute));
        } catch (RuntimeException e) {
            compute.close();
            gguf.close();
            throw e;
        }
    }

    public Path file() {
        return file;
    }

    /** {@code general.name}, else the file name. */
    public String name() {
        return gguf.metadata().findString("general.name").orElse(file.getFileName().toString());
    }

    public GgufMetadata metadata() {
        return gguf.metadata();
    }

    public ModelConfig config() {
        return config;
    }

    public Tokenizer tokenizer() {
        return tokenizer;
    }

    public ChatTemplate template() {
        return template;
    }

    public Transformer transformer() {
        return transformer;
    }

    public Generator generator() {
        return generator;
    }

    /** The context a session gets by default: the model's, at most {@link #DEFAULT_CONTEXT}. */
    public int defaultContextLength() {
        return Math.min(config.contextLength(), DEFAULT_CONTEXT);
    }

    /** A new conversation with the default context length. */
    public Session newSession() {
        return new Session(transformer, defaultContextLength());
    }

    /** A new conversation holding at most {@code contextLength} tokens. */
    public Session newSession(int contextLength) {
        return new Session(transformer, contextLength);
    }

    /** A new conversation holding at most {@code contextLength} tokens, its KV cache stored as {@code kvCache}. */
    public Session newSession(int contextLength, KvCacheType kvCache) {
        return new Session(transformer, contextLength, kvCache);
    }

    /** Encodes a prompt, adding BOS when the vocabulary asks for it and the text does not start with it. */
    public int[] encodePrompt(String text) {
        boolean bos = tokenizer.addBos() && tokenizer.bosToken() >= 0
                && !text.startsWith(tokenizer.tokenText(tokenizer.bosToken()));
        return tokenizer.encode(text, bos, true);
    }

    @Override
    public void close() {
        transformer.compute().close();
        gguf.close();
    }

    @Override
    public String toString() {
        return "Model[" + file.getFileName() + ", " + config.architecture().ggufName() + "]";
    }
}
