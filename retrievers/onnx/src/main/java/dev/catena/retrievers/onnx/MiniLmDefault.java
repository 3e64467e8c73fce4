package dev.catena.retrievers.onnx;

import dev.catena.retrievers.embedding.DefaultEmbeddingModel;
import dev.langchain4j.model.embedding.EmbeddingModel;

/** Makes all-MiniLM-L6-v2 ({@link EmbeddingModels#defaultModel()}) the model of retrievers and ingestion that are given none. */
public final class MiniLmDefault implements DefaultEmbeddingModel {

    @Override
    public EmbeddingModel model() {
        return EmbeddingModels.defaultModel();
    }
}
