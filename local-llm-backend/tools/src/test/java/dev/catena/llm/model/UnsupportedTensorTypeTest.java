package dev.catena.llm.model;

import dev.catena.llm.compute.kernel.KernelCompute;
import dev.catena.llm.gguf.GgufFile;
import dev.catena.llm.gguf.GgufMetadata;
import dev.catena.llm.gguf.GgufTensorInfo;
import dev.catena.llm.gguf.GgufValueType;
import dev.catena.llm.tools.GgufWriter;
import dev.catena.llm.UnsupportedModelException;
import dev.catena.llm.tensor.GgmlType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A model with one weight in a type the runtime cannot compute with (a ternary type, a type it does not
 * run, or an id it does not know) is refused by {@link Model#load}, before any generation, with a message
 * that names the file, the tensor, its type and the supported types. The files are a random-weight test
 * model (tokenizer included) rewritten by {@link GgufWriter} with {@code blk.0.attn_k.weight} replaced.
 */
class UnsupportedTensorTypeTest {

    static final String VICTIM = "blk.0.attn_k.weight";

    @ParameterizedTest
    @EnumSource(value = GgmlType.class, names = {"TQ1_0", "TQ2_0", "IQ2_XXS", "IQ1_S", "I8", "F64"})
    void refusedOnOpenNamingTensorTypeAndSupportedTypes(GgmlType type, @TempDir Path dir) throws IOException {
        Path file = rewrite(dir, type);
        assertThatThrownBy(() -> Model.load(file, KernelCompute.preferred(1)))
                .isInstanceOf(UnsupportedModelException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("tensor '" + VICTIM + "'")
                .hasMessageContaining("tensor type " + type + " is not supported")
                .hasMessageContaining("supported: " + GgmlType.computableNames());
    }

    @Test
    void unknownTypeIdIsRefusedOnOpen(@TempDir Path dir) throws IOException {
        Path file = rewrite(dir, GgmlType.TQ2_0);
        byte[] bytes = Files.readAllBytes(file);
        // the table entry: name, n_dims (u32), 2 dimensions (u64), type (u32)
        int typeAt = indexOf(bytes, VICTIM.getBytes(StandardCharsets.UTF_8)) + VICTIM.length() + 4 + 16;
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(typeAt, 63);
        Files.write(file, bytes);
        assertThatThrownBy(() -> Model.load(file, KernelCompute.preferred(1)))
                .isInstanceOf(UnsupportedModelException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("tensor '" + VICTIM + "'")
                .hasMessageContaining("unknown ggml type id 63")
                .hasMessageContaining("supported: " + GgmlType.computableNames());
    }

    @Test
    void supportedListNamesEveryRunnableTypeOnly() {
        List<String> names = List.of(GgmlType.computableNames().split(", "));
        assertThat(names).contains("F32", "F16", "BF16", "Q4_0", "Q4_1", "Q5_0", "Q5_1", "Q8_0", "Q2_K", "Q3_K",
                "Q4_K", "Q5_K", "Q6_K", "IQ4_NL", "IQ4_XS").doesNotContain("TQ1_0", "TQ2_0", "IQ2_XXS", "I8");
    }

    /** The random llama test model (256 columns, whole blocks of any type) with {@link #VICTIM} stored as {@code type}. */
    private static Path rewrite(Path dir, GgmlType type) throws IOException {
        Path out = dir.resolve("model-" + type + ".gguf");
        Path source = ReferenceModels.file("llama-q4_k-q6_k");
        byte[] bytes = Files.readAllBytes(source);
        GgufWriter w = new GgufWriter();
        try (GgufFile in = GgufFile.open(source)) {
            GgufMetadata md = in.metadata();
            for (String key : md.keys()) {
                GgufValueType t = md.type(key).orElseThrow();
                Object v = md.get(key).orElseThrow();
                if (t == GgufValueType.ARRAY) {
                    w.put(key, t, GgufWriter.array(md.arrayElementType(key).orElseThrow(), (List<?>) v));
                } else {
                    w.put(key, t, v);
                }
            }
            for (GgufTensorInfo info : in.tensorInfos()) {
                if (info.name().equals(VICTIM)) {
                    w.zeroTensor(VICTIM, type, info.shape());
                } else {
                    int at = Math.toIntExact(info.offset());
                    w.tensor(info.name(), info.type(), info.shape(),
                            java.util.Arrays.copyOfRange(bytes, at, at + Math.toIntExact(info.byteSize())));
                }
            }
        }
        w.write(out);
        return out;
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalArgumentException("not found");
    }
}
