package dev.catena.retrievers;

import org.junit.jupiter.api.Test;

import java.io.IOException;

/**
 * A user of the retrieval core alone gets no heavy document parsers (PDFBox, jsoup: catena-retrievers-documents) and
 * no ONNX Runtime, tokenizers or embedding-model jars (catena-retrievers-onnx).
 */
class RetrieversClassPathTest {

    @Test
    void theRunTimeClassPathHasNoDocumentParsersAndNoOnnxRuntime() throws IOException {
        RuntimeClassPath.assertJars("langchain4j-core", "pdfbox", "fontbox", "jsoup", "onnxruntime", "langchain4j-embeddings", "tokenizers");
    }
}
