package dev.catena.retrievers.chroma;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A user who adds only this module gets no gRPC, no Milvus SDK and no Lucene: the run-time class path Maven
 * resolves for it (written by the dependency plugin to target/runtime-class-path.txt) holds none of their jars.
 */
class ChromaClassPathTest {

    @Test
    void theRunTimeClassPathHasNoGrpcMilvusOrLucene() throws IOException {
        Path file = Path.of("target/runtime-class-path.txt");
        assertThat(file).as("written by maven-dependency-plugin:build-classpath").isRegularFile();
        List<String> jars = Arrays.stream(Files.readString(file).strip().split(File.pathSeparator))
                .map(p -> Path.of(p).getFileName().toString()).toList();
        assertThat(jars).as("the class path itself").anyMatch(j -> j.startsWith("okhttp"));
        assertThat(jars).noneMatch(j -> j.startsWith("grpc-") || j.startsWith("milvus-") || j.startsWith("protobuf-")
                || j.startsWith("lucene-"));
    }
}
