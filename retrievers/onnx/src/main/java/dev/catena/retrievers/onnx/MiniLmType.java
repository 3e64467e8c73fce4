package dev.catena.retrievers.onnx;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.catena.core.component.AbstractComponentType;
import dev.catena.core.component.ComponentContext;
import dev.langchain4j.model.embedding.EmbeddingModel;

/**
 * {@code kind: Model}, {@code type: minilm}: the in-process all-MiniLM-L6-v2 embedding model (384 dimensions),
 * registered through ServiceLoader.
 *
 * <pre>{@code
 * - kind: Model
 *   name: embed
 *   type: minilm
 *   quantized: true
 * }</pre>
 */
public final class MiniLmType extends AbstractComponentType<MiniLmType.Spec, EmbeddingModel> {

    /** {@code type: minilm}. */
    public record Spec(@JsonPropertyDescription("Use the quantized variant (default false)") Boolean quantized) {}

    public MiniLmType() {
        super("Model", "minilm", Spec.class, EmbeddingModel.class, "In-process all-MiniLM-L6-v2 embeddings (384 dimensions)");
    }

    @Override
    public EmbeddingModel create(Spec s, ComponentContext ctx) {
        return Boolean.TRUE.equals(s.quantized()) ? EmbeddingModels.miniLmQuantized() : EmbeddingModels.miniLm();
    }
}
