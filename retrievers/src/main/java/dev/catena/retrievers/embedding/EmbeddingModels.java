package dev.catena.retrievers.embedding;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;

/**
 * The in-process embedding models Catena uses by default: all-MiniLM-L6-v2 (384 dimensions, run
 * with ONNX Runtime, no server), full precision or quantized. Each is created once and shared; both
 * are thread-safe. Any other LangChain4j {@link EmbeddingModel} can be used wherever Catena takes one.
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
}
