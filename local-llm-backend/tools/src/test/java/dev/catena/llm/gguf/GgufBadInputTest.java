package dev.catena.llm.gguf;

import dev.catena.llm.tools.GgufWriter;
import dev.catena.llm.UnsupportedModelException;
import dev.catena.llm.tensor.GgmlType;
import dev.catena.llm.tensor.Tensor;
import dev.catena.testing.ExternalInputs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Malformed GGUF files made from {@link GgufWriter} output by byte surgery: each is a
 * {@link GgufFormatException} or {@link UnsupportedModelException} whose message names the file, the
 * field and the offset, never an IndexOutOfBounds, an out-of-memory or a negative-size crash.
 */
class GgufBadInputTest {

    static final String SOURCE = "bad.gguf";

    /** Keys of equal length so that one can be renamed into another. */
    static GgufWriter base() {
        return new GgufWriter()
                .putString("general.architecture", "bad-input-test")
                .putUint32("k.u32", 7)
                .putString("k.str", "hello")
                .putArray("k.arr", GgufValueType.INT32, List.of(1, 2, 3))
                .put("k.bol", GgufValueType.BOOL, true)
                .tensor("tensor.one", GgmlType.F32, new long[] {4, 2}, new float[] {1, 2, 3, 4, 5, 6, 7, 8})
                .tensor("tensor.two", GgmlType.Q4_0, new long[] {32}, new float[32]);
    }

    static byte[] good() {
        return base().toBytes();
    }

    static GgufFile read(byte[] bytes) {
        return GgufFile.read(MemorySegment.ofArray(bytes), SOURCE);
    }

    /** The offset of the first occurrence of {@code text}'s UTF-8 bytes. */
    static int find(byte[] bytes, String text) {
        byte[] p = text.getBytes(StandardCharsets.UTF_8);
        outer:
        for (int i = 0; i + p.length <= bytes.length; i++) {
            for (int j = 0; j < p.length; j++) {
                if (bytes[i + j] != p[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalArgumentException(text + " not found");
    }

    static void putI32(byte[] b, int at, int v) {
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(at, v);
    }

    static void putI64(byte[] b, int at, long v) {
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putLong(at, v);
    }

    /** Offset just after a tensor table entry's name: n_dims, then the dimensions, type and offset. */
    static int afterName(byte[] b, String tensor) {
        return find(b, tensor) + tensor.length();
    }

    static Stream<Arguments> corruptions() {
        List<Arguments> cases = new ArrayList<>();
        add(cases, "bad magic", b -> b[0] = 'X', "not a GGUF file");
        add(cases, "version 1", b -> putI32(b, 4, 1), "unsupported GGUF version 1");
        add(cases, "version 4", b -> putI32(b, 4, 4), "unsupported GGUF version 4");
        add(cases, "big-endian version", b -> putI32(b, 4, 3 << 24), "big-endian");
        add(cases, "tensor count 2^62", b -> putI64(b, 8, 1L << 62), "tensor_count at offset");
        add(cases, "tensor count 2^64-1", b -> putI64(b, 8, -1L), "tensor_count at offset 8: absurd value");
        add(cases, "kv count 2^62", b -> putI64(b, 16, 1L << 62), "metadata_kv_count at offset");
        add(cases, "key length past the file", b -> putI64(b, 24, b.length), "metadata key #0 at offset 24: string length");
        add(cases, "key length 2^63", b -> putI64(b, 24, Long.MIN_VALUE), "metadata key #0 length at offset 24: absurd value");
        add(cases, "string value length past the file", b -> putI64(b, find(b, "hello") - 8, b.length + 1L),
                "metadata key 'k.str' at offset");
        add(cases, "array count 2^62", b -> putI64(b, find(b, "k.arr") + 5 + 4 + 4, 1L << 62),
                "metadata key 'k.arr' array length at offset");
        add(cases, "array count above int", b -> putI64(b, find(b, "k.arr") + 5 + 4 + 4, 1L << 40),
                "metadata key 'k.arr' array length at offset");
        add(cases, "unknown value type", b -> putI32(b, find(b, "k.u32") + 5, 13),
                "metadata key 'k.u32' type at offset");
        add(cases, "unknown array element type", b -> putI32(b, find(b, "k.arr") + 5 + 4, 99),
                "metadata key 'k.arr' type at offset");
        add(cases, "bool byte 2", b -> b[find(b, "k.bol") + 5 + 4] = 2, "metadata key 'k.bol' at offset");
        add(cases, "duplicate key", b -> System.arraycopy("k.str".getBytes(StandardCharsets.UTF_8), 0, b, find(b, "k.arr"), 5),
                "metadata key 'k.str' at offset");
        add(cases, "n_dims 5", b -> putI32(b, afterName(b, "tensor.one"), 5), "tensor 'tensor.one' n_dims at offset");
        add(cases, "n_dims 0", b -> putI32(b, afterName(b, "tensor.one"), 0), "tensor 'tensor.one' n_dims at offset");
        add(cases, "n_dims -1", b -> putI32(b, afterName(b, "tensor.one"), -1), "n_dims at offset");
        add(cases, "dimension 0", b -> putI64(b, afterName(b, "tensor.one") + 4, 0), "tensor 'tensor.one' dimension 0 at offset");
        add(cases, "dimension 2^64-1", b -> putI64(b, afterName(b, "tensor.one") + 4, -1), "dimension 0 at offset");
        add(cases, "dimensions overflow", b -> {
            putI64(b, afterName(b, "tensor.one") + 4, 1L << 40);
            putI64(b, afterName(b, "tensor.one") + 12, 1L << 40);
        }, "tensor 'tensor.one' (F32 [1099511627776, 1099511627776], tensor table entry at offset");
        add(cases, "byte size overflows", b -> {
            putI64(b, afterName(b, "tensor.one") + 4, 1L << 31);
            putI64(b, afterName(b, "tensor.one") + 12, 1L << 31);
        }, "byte size overflows");
        add(cases, "unknown ggml type 99", b -> putI32(b, afterName(b, "tensor.two") + 4 + 8, 99),
                "tensor 'tensor.two' type at offset");
        add(cases, "unknown ggml type 31", b -> putI32(b, afterName(b, "tensor.two") + 4 + 8, 31), "unknown ggml type id 31");
        add(cases, "row not a multiple of the block", b -> putI64(b, afterName(b, "tensor.two") + 4, 16),
                "row length 16 is not a multiple of the Q4_0 block size 32");
        add(cases, "data offset beyond the file", b -> putI64(b, afterName(b, "tensor.two") + 4 + 8 + 4, 1L << 40),
                "extends past the end of the file");
        add(cases, "data offset 2^63-32", b -> putI64(b, afterName(b, "tensor.two") + 4 + 8 + 4, Long.MAX_VALUE - 31),
                "extends past the end of the file");
        add(cases, "data offset misaligned", b -> putI64(b, afterName(b, "tensor.two") + 4 + 8 + 4, 33),
                "data offset 33 is not a multiple of the alignment 32");
        add(cases, "tensor larger than the file", b -> putI64(b, afterName(b, "tensor.one") + 12, 1000),
                "tensor 'tensor.one' (F32 [4, 1000]");
        add(cases, "duplicate tensor name", b -> System.arraycopy("tensor.one".getBytes(StandardCharsets.UTF_8), 0, b,
                find(b, "tensor.two"), 10), "tensor 'tensor.one' (tensor table entry at offset");
        return cases.stream();
    }

    private static void add(List<Arguments> cases, String name, Consumer<byte[]> surgery, String message) {
        cases.add(Arguments.of(name, surgery, message));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corruptions")
    void corruptionIsALocatedFormatError(String name, Consumer<byte[]> surgery, String message) {
        byte[] b = good();
        surgery.accept(b);
        assertThatThrownBy(() -> read(b))
                .as(name)
                .isInstanceOfAny(GgufFormatException.class, UnsupportedModelException.class)
                .hasMessageStartingWith(SOURCE + ": ")
                .hasMessageContaining(message)
                .hasMessageContaining("offset");
    }

    @Test
    void unsupportedAlignmentAndNesting() {
        for (long a : new long[] {0, 48, 1L << 31}) {
            byte[] b = new GgufWriter().put("general.alignment", GgufValueType.UINT64, 64L).toBytes();
            putI64(b, find(b, "general.alignment") + "general.alignment".length() + 4, a);
            assertThatThrownBy(() -> read(b)).isInstanceOf(GgufFormatException.class)
                    .hasMessageContaining("bad.gguf: metadata key 'general.alignment'").hasMessageContaining("power of two");
        }
        byte[] s = new GgufWriter().putString("general.alignmenu", "32").toBytes();
        System.arraycopy("general.alignment".getBytes(StandardCharsets.UTF_8), 0, s, find(s, "general.alignmenu"), 17);
        assertThatThrownBy(() -> read(s)).hasMessageContaining("expected an integer, found STRING");
        GgufWriter.Array deep = GgufWriter.array(GgufValueType.INT32, List.of(1));
        for (int i = 0; i < 9; i++) {
            deep = GgufWriter.array(GgufValueType.ARRAY, List.of(deep));
        }
        byte[] d = new GgufWriter().put("deep", GgufValueType.ARRAY, deep).toBytes();
        assertThatThrownBy(() -> read(d)).isInstanceOf(GgufFormatException.class)
                .hasMessageContaining("metadata key 'deep' at offset").hasMessageContaining("nested deeper than 8");
    }

    /** Every prefix of a valid file: a located error, unless the cut only removes padding after the last tensor. */
    @Test
    void truncationAtEveryOffset() {
        byte[] b = good();
        long dataEnd;
        try (GgufFile f = read(b)) {
            GgufTensorInfo last = f.tensorInfos().getLast();
            dataEnd = last.offset() + last.byteSize();
        }
        for (int n = 0; n < b.length; n++) {
            MemorySegment prefix = MemorySegment.ofArray(b).asSlice(0, n);
            if (n >= dataEnd) {
                GgufFile f = GgufFile.read(prefix, SOURCE);
                assertThat(f.tensor("tensor.two").get(31)).isZero();
                continue;
            }
            int cut = n;
            assertThatThrownBy(() -> GgufFile.read(prefix, SOURCE)).as("cut at " + cut)
                    .isInstanceOf(GgufFormatException.class)
                    .hasMessageStartingWith(SOURCE + ": ")
                    .hasMessageContaining("offset");
        }
    }

    static Stream<Arguments> truncationPoints() {
        byte[] b = good();
        List<Arguments> points = new ArrayList<>();
        points.add(Arguments.of("empty file", 0));
        points.add(Arguments.of("after magic", 4));
        points.add(Arguments.of("after version", 8));
        points.add(Arguments.of("after tensor_count", 16));
        points.add(Arguments.of("after metadata_kv_count", 24));
        points.add(Arguments.of("inside a key", find(b, "k.u32") + 2));
        points.add(Arguments.of("after the metadata", find(b, "tensor.one") - 8));
        points.add(Arguments.of("inside the tensor table", afterName(b, "tensor.one") + 4));
        points.add(Arguments.of("after the tensor table", afterName(b, "tensor.two") + 4 + 8 + 4 + 8));
        try (GgufFile f = read(b)) {
            points.add(Arguments.of("at the start of tensor data", (int) f.dataOffset()));
            points.add(Arguments.of("inside the first tensor", (int) f.dataOffset() + 5));
            GgufTensorInfo last = f.tensorInfos().getLast();
            points.add(Arguments.of("one byte short of the last tensor", (int) (last.offset() + last.byteSize() - 1)));
        }
        Random random = new Random(42);
        for (int i = 0; i < 8; i++) {
            int at = random.nextInt(b.length - 40);
            points.add(Arguments.of("random offset " + at, at));
        }
        return points.stream();
    }

    /** A model file truncated (or replaced by a shorter one) is detected when it is opened, before any tensor is read. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("truncationPoints")
    void truncatedFileIsDetectedOnOpen(String where, int length, @TempDir Path dir) throws IOException {
        Path file = dir.resolve("model.gguf");
        Files.write(file, good());
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(length);
        }
        assertThatThrownBy(() -> GgufFile.open(file)).as(where)
                .isInstanceOf(GgufFormatException.class)
                .hasMessageStartingWith(file + ": ")
                .hasMessageContaining("offset");
    }

    @Test
    void fileReplacedByAnotherIsReadAfresh(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("model.gguf");
        Files.write(file, good());
        try (GgufFile f = GgufFile.open(file)) {
            assertThat(f.tensor("tensor.one").get(7)).isEqualTo(8f);
        }
        Files.write(file, new GgufWriter().tensor("tensor.one", GgmlType.F32, new long[] {1}, new float[] {42}).toBytes());
        try (GgufFile f = GgufFile.open(file)) {
            assertThat(f.tensor("tensor.one").get(0)).isEqualTo(42f);
            assertThat(f.metadata().contains("k.u32")).isFalse();
        }
        Files.write(file, "not a model".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> GgufFile.open(file)).isInstanceOf(GgufFormatException.class)
                .hasMessageContaining(file + ": magic at offset 0: not a GGUF file");
    }

    /** Shapes the file can hold but an int-indexed tensor cannot: unsupported, not an IllegalArgumentException. */
    @Test
    void shapeBeyondIntIndexingIsUnsupported(@TempDir Path dir) throws IOException {
        ExternalInputs.require(Files.getFileStore(dir).getUsableSpace() > 16L << 30, "no room for a sparse 8 GiB file in " + dir);
        Path file = dir.resolve("wide.gguf");
        new GgufWriter().zeroTensor("wide", GgmlType.F32, new long[] {1L << 31}).write(file);
        try (GgufFile f = GgufFile.open(file)) {
            assertThat(f.tensorInfo("wide").byteSize()).isEqualTo(8L << 30);
            assertThatThrownBy(() -> f.tensor("wide")).isInstanceOf(UnsupportedModelException.class)
                    .hasMessageContaining(file + ": tensor 'wide'").hasMessageContaining("fit in an int");
        }
    }

    /** Tensor data beyond 2^31 in a sparse file: offsets and reads past the int range work. */
    @Test
    void tensorDataBeyondTwoGibibytes(@TempDir Path dir) throws IOException {
        ExternalInputs.require(Files.getFileStore(dir).getUsableSpace() > 8L << 30, "no room for a sparse 2 GiB file in " + dir);
        Path file = dir.resolve("big.gguf");
        float[] small = {1.5f, -2.25f, 3e-5f, 0f, 7f, -0f, 1e30f, 42f};
        new GgufWriter()
                .putString("general.architecture", "big")
                .zeroTensor("padding", GgmlType.F32, new long[] {1 << 20, 1 << 9})
                .tensor("small", GgmlType.F32, new long[] {8}, small)
                .tensor("small.q8", GgmlType.Q8_0, new long[] {32}, new float[] {
                        1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28,
                        29, 30, 31, 127})
                .write(file);
        assertThat(Files.size(file)).isGreaterThan(1L << 31);
        try (GgufFile f = GgufFile.open(file)) {
            assertThat(f.tensorInfo("small").offset()).isGreaterThan(1L << 31);
            Tensor t = f.tensor("small");
            float[] row = new float[8];
            t.dequantizeRow(0, row, 0);
            assertThat(row).containsExactly(small);
            assertThat(f.tensor("small.q8").get(31)).isEqualTo(127f);
            Tensor padding = f.tensor("padding");
            assertThat(padding.rows()).isEqualTo(512);
            assertThat(padding.get(padding.size() - 1)).isZero();
            assertThat(padding.dot(511, new float[1 << 20], 0)).isZero();
        }
    }
}
