package dev.catena.retrievers.embedding;

import dev.langchain4j.model.embedding.EmbeddingModel;

import java.util.ServiceLoader;

/**
 * Supplies the embedding model that retrievers and ingestion use when none is given, found through
 * {@link ServiceLoader} (file {@code META-INF/services/dev.catena.retrievers.embedding.DefaultEmbeddingModel});
 * catena-retrievers-onnx provides all-MiniLM-L6-v2, run in process, so that ONNX Runtime stays out of this artifact.
 */
public interface DefaultEmbeddingModel {

    /** The model, the same instance on every call. */
    EmbeddingModel model();

    /**
     * The model of the first provider on the class path.
     *
     * @throws IllegalStateException saying what to add when there is none
     */
    static EmbeddingModel find() {
        return ServiceLoader.load(DefaultEmbeddingModel.class, DefaultEmbeddingModel.class.getClassLoader()).findFirst()
                .map(DefaultEmbeddingModel::model)
                .orElseThrow(() -> new IllegalStateException("no embedding model given and no default one on the class path:"
                        + " pass an EmbeddingModel, or add dev.catena:catena-retrievers-onnx (all-MiniLM-L6-v2, in process)"));
    }
}
