package dev.catena.retrievers.chroma;

import dev.catena.retrievers.RuntimeClassPath;
import org.junit.jupiter.api.Test;

import java.io.IOException;

/** A user who adds only this module gets no gRPC, no Milvus SDK and no Lucene on the run-time class path. */
class ChromaClassPathTest {

    @Test
    void theRunTimeClassPathHasNoGrpcMilvusOrLucene() throws IOException {
        RuntimeClassPath.assertJars("okhttp", "grpc-", "milvus-", "protobuf-", "lucene-");
    }
}
