package dev.catena.llm.tools;

import dev.catena.llm.gguf.GgufFile;
import dev.catena.llm.gguf.GgufMetadata;
import dev.catena.llm.gguf.GgufTensorInfo;
import dev.catena.llm.gguf.GgufValueType;
import dev.catena.llm.tensor.GgmlType;
import dev.catena.llm.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static dev.catena.llm.gguf.GgufValueType.ARRAY;
import static dev.catena.llm.gguf.GgufValueType.BOOL;
import static dev.catena.llm.gguf.GgufValueType.FLOAT32;
import static dev.catena.llm.gguf.GgufValueType.FLOAT64;
import static dev.catena.llm.gguf.GgufValueType.INT16;
import static dev.catena.llm.gguf.GgufValueType.INT32;
import static dev.catena.llm.gguf.GgufValueType.INT64;
import static dev.catena.llm.gguf.GgufValueType.INT8;
import static dev.catena.llm.gguf.GgufValueType.STRING;
import static dev.catena.llm.gguf.GgufValueType.UINT16;
import static dev.catena.llm.gguf.GgufValueType.UINT32;
import static dev.catena.llm.gguf.GgufValueType.UINT64;
import static dev.catena.llm.gguf.GgufValueType.UINT8;
import static dev.catena.llm.tools.GgufWriter.array;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link GgufWriter} and {@link Quantizers} against gguf-py ({@code tensor/writer_reference.gguf}, made by
 * {@code src/test/reference/tensor/make_tensors.py}), and round trips through {@link GgufFile}.
 */
class GgufWriterTest {

    static Path resource(String name) {
        try {
            return Path.of(Objects.requireNonNull(GgufWriterTest.class.getResource("/tensor/" + name), name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The same content as make_tensors.py's writer_file(), built in Java. */
    static GgufWriter likeGgufPy(float[] input) {
        GgufWriter w = new GgufWriter()
                .putString("general.architecture", "catena-writer-test")
                .alignment(64)
                .put("t.uint8", UINT8, 200)
                .put("t.int8", INT8, -100)
                .put("t.uint16", UINT16, 60000)
                .put("t.int16", INT16, -30000)
                .put("t.uint32", UINT32, 4000000000L)
                .put("t.int32", INT32, -2000000000)
                .put("t.float32", FLOAT32, 0.1f)
                .put("t.bool.true", BOOL, true)
                .put("t.bool.false", BOOL, false)
                .put("t.string", STRING, "héllo, 世界 🙂")
                .put("t.uint64", UINT64, Long.MIN_VALUE + 5)
                .put("t.int64", INT64, -(1L << 62))
                .put("t.float64", FLOAT64, -1.0e-300)
                .putArray("a.uint8", UINT8, List.of(0, 1, 255))
                .putArray("a.int8", INT8, List.of(-128, 0, 127))
                .putArray("a.uint16", UINT16, List.of(0, 65535))
                .putArray("a.int16", INT16, List.of(-32768, 32767))
                .putArray("a.uint32", UINT32, List.of(0L, 4294967295L))
                .putArray("a.int32", INT32, List.of(Integer.MIN_VALUE, Integer.MAX_VALUE))
                .putArray("a.float32", FLOAT32, List.of(1.5f, -0.0f, 3.4e38f))
                .putArray("a.bool", BOOL, List.of(true, false, true))
                .putArray("a.string", STRING, List.of("a", "", "ü€𝄞"))
                .putArray("a.uint64", UINT64, List.of(0L, -1L))
                .putArray("a.int64", INT64, List.of(Long.MIN_VALUE, Long.MAX_VALUE))
                .putArray("a.float64", FLOAT64, List.of(2.5, -1e300))
                .putArray("a.nested", ARRAY, List.of(array(INT32, List.of(1, 2, 3)), array(INT32, List.of(4)),
                        array(INT32, List.of(-5, 6))))
                .putArray("a.nested.strings", ARRAY, List.of(array(STRING, List.of("x", "yz")), array(STRING, List.of("w"))));
        long[] shape = {64, 3};
        return w.tensor("input", GgmlType.F32, shape, input)
                .tensor("input.f16", GgmlType.F16, shape, input)
                .tensor("input.q8_0", GgmlType.Q8_0, shape, input)
                .tensor("input.q4_0", GgmlType.Q4_0, shape, input)
                .tensor("input.q4_1", GgmlType.Q4_1, shape, input)
                .tensor("input.q5_0", GgmlType.Q5_0, shape, input)
                .tensor("input.q5_1", GgmlType.Q5_1, shape, input)
                .tensor("third", GgmlType.F32, new long[] {5}, new float[] {0, 1, 2, 3, 4});
    }

    static float[] referenceInput() {
        try (GgufFile ref = GgufFile.open(resource("writer_reference.gguf"))) {
            Tensor t = ref.tensor("input");
            float[] v = new float[(int) t.size()];
            for (int r = 0; r < t.rows(); r++) {
                t.dequantizeRow(r, v, r * t.columns());
            }
            return v;
        }
    }

    @Test
    void writesTheSameBytesAsGgufPy(@TempDir Path dir) throws IOException {
        byte[] expected = Files.readAllBytes(resource("writer_reference.gguf"));
        GgufWriter w = likeGgufPy(referenceInput());
        assertSameBytes(w.toBytes(), expected);
        Path file = dir.resolve("java.gguf");
        w.write(file);
        assertSameBytes(Files.readAllBytes(file), expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"F16", "Q8_0", "Q4_0", "Q4_1", "Q5_0", "Q5_1"})
    void quantizersMatchGgufPy(String type) throws IOException {
        byte[] file = Files.readAllBytes(resource("writer_reference.gguf"));
        GgufTensorInfo info;
        try (GgufFile ref = GgufFile.open(resource("writer_reference.gguf"))) {
            info = ref.tensorInfo("input." + type.toLowerCase());
        }
        byte[] expected = Arrays.copyOfRange(file, (int) info.offset(), (int) (info.offset() + info.byteSize()));
        assertSameBytes(Quantizers.quantize(GgmlType.valueOf(type), referenceInput()), expected);
    }

    @Test
    void bf16RoundsToNearestEvenAndKeepsNaN() {
        float[] v = {1.0f, Float.intBitsToFloat(0x3F808000), Float.intBitsToFloat(0x3F818000), Float.intBitsToFloat(0x3F808001),
                Float.NaN, Float.POSITIVE_INFINITY, -0.0f};
        byte[] b = Quantizers.quantize(GgmlType.BF16, v);
        int[] want = {0x3F80, 0x3F80, 0x3F82, 0x3F81, 0x7FC0, 0x7F80, 0x8000};
        for (int i = 0; i < want.length; i++) {
            assertThat(((b[2 * i] & 0xFF) | (b[2 * i + 1] & 0xFF) << 8)).as("element " + i).isEqualTo(want[i]);
        }
        assertThatThrownBy(() -> Quantizers.quantize(GgmlType.Q8_0, new float[31])).hasMessageContaining("whole number");
        float[] nan = new float[32];
        nan[3] = Float.NaN;
        assertThatThrownBy(() -> Quantizers.quantize(GgmlType.Q4_0, nan)).hasMessageContaining("NaN at index 3");
        assertThatThrownBy(() -> Quantizers.quantize(GgmlType.Q2_K, new float[256])).hasMessageContaining("cannot quantize to Q2_K");
    }

    @ParameterizedTest
    @CsvSource({"3, 1", "3, 32", "2, 64", "2, 4096", "3, 4096"})
    void roundTripsEveryValueTypeAndTensor(int version, int alignment, @TempDir Path dir) {
        float[] values = new float[96];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) Math.sin(i * 0.37) * (i + 1);
        }
        GgufWriter w = likeGgufPy(referenceInput()).version(version).alignment(alignment)
                .put("t.float32.nan", FLOAT32, Float.intBitsToFloat(0x7FC00123))
                .putArray("a.empty", UINT8, List.of())
                .putArray("a.deep", ARRAY, List.of(array(ARRAY, List.of(array(BOOL, List.of(true)), array(FLOAT64, List.of())))))
                .tensor("w.bf16", GgmlType.BF16, new long[] {32, 3}, values)
                .tensor("w.q8_0", GgmlType.Q8_0, new long[] {32, 1, 3, 1}, values)
                .tensor("w.raw", GgmlType.I8, new long[] {3}, new byte[] {1, 2, 3});
        Path path = dir.resolve("rt.gguf");
        w.write(path);
        byte[] bytes = w.toBytes();
        try (GgufFile mapped = GgufFile.open(path)) {
            GgufFile heap = GgufFile.read(MemorySegment.ofArray(bytes), "heap");
            for (GgufFile f : List.of(mapped, heap)) {
                assertThat(f.version()).isEqualTo(version);
                assertThat(f.alignment()).isEqualTo(alignment);
                assertThat(f.fileSize()).isEqualTo(bytes.length);
                checkMetadata(f.metadata());
                for (GgufTensorInfo t : f.tensorInfos()) {
                    assertThat(t.offset() % alignment).as(t.name() + " offset").isZero();
                    assertThat(t.offset() - f.dataOffset() >= 0).isTrue();
                }
                assertThat(f.tensorInfos()).extracting(GgufTensorInfo::name).containsExactly(
                        "input", "input.f16", "input.q8_0", "input.q4_0", "input.q4_1", "input.q5_0", "input.q5_1", "third", "w.bf16", "w.q8_0", "w.raw");
                float[] input = referenceInput();
                assertRows(f.tensor("input"), input);
                float[] f16 = new float[input.length];
                for (int i = 0; i < input.length; i++) {
                    f16[i] = Float.float16ToFloat(Float.floatToFloat16(input[i]));
                }
                assertRows(f.tensor("input.f16"), f16);
                assertRows(f.tensor("third"), new float[] {0, 1, 2, 3, 4});
                assertThat(f.tensorInfo("w.q8_0").shape()).containsExactly(32, 1, 3, 1);
                assertThat(f.tensorInfo("w.raw").type()).isEqualTo(GgmlType.I8);
                Tensor q = f.tensor("w.q8_0");
                Tensor direct = Tensor.of(GgmlType.Q8_0, MemorySegment.ofArray(Quantizers.quantize(GgmlType.Q8_0, values)),
                        new long[] {32, 3});
                float[] a = new float[32];
                float[] b = new float[32];
                for (int r = 0; r < 3; r++) {
                    q.dequantizeRow(r, a, 0);
                    direct.dequantizeRow(r, b, 0);
                    assertThat(a).containsExactly(b);
                    for (int j = 0; j < 32; j++) {
                        assertThat(Math.abs(a[j] - values[r * 32 + j])).isLessThanOrEqualTo(maxAbs(values, r * 32) / 127 / 2 * 1.01f);
                    }
                }
                Tensor bf = f.tensor("w.bf16");
                for (int i = 0; i < values.length; i++) {
                    assertThat(Math.abs(bf.get(i) - values[i])).isLessThanOrEqualTo(Math.abs(values[i]) / 256);
                }
            }
        }
    }

    @Test
    void rejectsValuesThatDoNotFitTheirType() {
        GgufWriter w = new GgufWriter();
        assertThatThrownBy(() -> w.put("k", UINT8, 256)).hasMessageContaining("metadata key 'k' (UINT8)");
        assertThatThrownBy(() -> w.put("k", UINT32, -1L)).hasMessageContaining("cannot hold -1");
        assertThatThrownBy(() -> w.put("k", INT64, 1)).hasMessageContaining("Integer");
        assertThatThrownBy(() -> w.putArray("k", INT8, List.of(1, 200))).hasMessageContaining("k[1]");
        assertThatThrownBy(() -> w.putArray("k", ARRAY, List.of("x"))).hasMessageContaining("k[0]");
        assertThatThrownBy(() -> w.alignment(48)).hasMessageContaining("power of two");
        assertThatThrownBy(() -> w.version(1)).hasMessageContaining("2 or 3");
        assertThatThrownBy(() -> w.tensor("t", GgmlType.F32, new long[] {3}, new byte[8])).hasMessageContaining("takes 12 bytes");
        assertThatThrownBy(() -> w.tensor("t", GgmlType.Q4_0, new long[] {16}, new byte[9])).hasMessageContaining("block size 32");
        w.tensor("t", GgmlType.F32, new long[] {1}, new float[] {1});
        assertThatThrownBy(() -> w.tensor("t", GgmlType.F32, new long[] {1}, new float[] {1})).hasMessageContaining("added twice");
    }

    private static void checkMetadata(GgufMetadata m) {
        Map<String, Object> want = new java.util.LinkedHashMap<>();
        want.put("general.architecture", "catena-writer-test");
        want.put("t.uint8", 200);
        want.put("t.int8", -100);
        want.put("t.uint16", 60000);
        want.put("t.int16", -30000);
        want.put("t.uint32", 4000000000L);
        want.put("t.int32", -2000000000);
        want.put("t.float32", 0.1f);
        want.put("t.bool.true", true);
        want.put("t.bool.false", false);
        want.put("t.string", "héllo, 世界 🙂");
        want.put("t.uint64", Long.MIN_VALUE + 5);
        want.put("t.int64", -(1L << 62));
        want.put("t.float64", -1.0e-300);
        want.put("a.uint8", List.of(0, 1, 255));
        want.put("a.int8", List.of(-128, 0, 127));
        want.put("a.uint16", List.of(0, 65535));
        want.put("a.int16", List.of(-32768, 32767));
        want.put("a.uint32", List.of(0L, 4294967295L));
        want.put("a.int32", List.of(Integer.MIN_VALUE, Integer.MAX_VALUE));
        want.put("a.float32", List.of(1.5f, -0.0f, 3.4e38f));
        want.put("a.bool", List.of(true, false, true));
        want.put("a.string", List.of("a", "", "ü€𝄞"));
        want.put("a.uint64", List.of(0L, -1L));
        want.put("a.int64", List.of(Long.MIN_VALUE, Long.MAX_VALUE));
        want.put("a.float64", List.of(2.5, -1e300));
        want.put("a.nested", List.of(List.of(1, 2, 3), List.of(4), List.of(-5, 6)));
        want.put("a.nested.strings", List.of(List.of("x", "yz"), List.of("w")));
        want.put("a.empty", List.of());
        want.put("a.deep", List.of(List.of(List.of(true), List.of())));
        for (Map.Entry<String, Object> e : want.entrySet()) {
            assertThat(m.get(e.getKey())).as(e.getKey()).contains(e.getValue());
        }
        assertThat(Float.floatToRawIntBits((Float) m.get("t.float32.nan").orElseThrow())).isEqualTo(0x7FC00123);
        assertThat(m.type("t.uint32")).contains(UINT32);
        assertThat(m.arrayElementType("a.nested")).contains(ARRAY);
        assertThat(m.getLong("general.alignment")).isPositive();
        assertThat(List.copyOf(m.keys())).startsWith("general.architecture", "general.alignment", "t.uint8");
    }

    private static void assertRows(Tensor t, float[] want) {
        float[] row = new float[t.columns()];
        for (int r = 0; r < t.rows(); r++) {
            t.dequantizeRow(r, row, 0);
            assertThat(row).containsExactly(Arrays.copyOfRange(want, r * t.columns(), (r + 1) * t.columns()));
        }
    }

    private static float maxAbs(float[] v, int from) {
        float m = 0;
        for (int j = 0; j < 32; j++) {
            m = Math.max(m, Math.abs(v[from + j]));
        }
        return m;
    }

    static void assertSameBytes(byte[] actual, byte[] expected) {
        int n = Math.min(actual.length, expected.length);
        for (int i = 0; i < n; i++) {
            if (actual[i] != expected[i]) {
                throw new AssertionError("first difference at byte " + i + ": " + (actual[i] & 0xFF) + " vs gguf-py "
                        + (expected[i] & 0xFF) + " (lengths " + actual.length + " and " + expected.length + ")");
            }
        }
        assertThat(actual.length).as("length").isEqualTo(expected.length);
    }
    @Test
    void sourceTensorsAreProducedInOrderWhileWritingAndMustWriteTheirExactSize(@TempDir Path dir) throws IOException {
        float[] a = new float[64];
        float[] b = new float[256];
        for (int i = 0; i < b.length; i++) {
            b[i] = (float) Math.sin(i);
            a[i % 64] = i * 0.01f;
        }
        byte[] qb = Quantizers.quantize(GgmlType.Q4_K, b);
        StringBuilder order = new StringBuilder();
        GgufWriter direct = new GgufWriter().putString("general.architecture", "x")
                .tensor("a", GgmlType.Q8_0, new long[] {64}, a)
                .tensor("b", GgmlType.Q4_K, new long[] {256}, qb);
        GgufWriter streamed = new GgufWriter().putString("general.architecture", "x")
                .tensor("a", GgmlType.Q8_0, new long[] {64}, out -> {
                    order.append('a');
                    byte[] q = Quantizers.quantize(GgmlType.Q8_0, a);
                    out.write(ByteBuffer.wrap(q, 0, 10));
                    out.write(ByteBuffer.wrap(q, 10, q.length - 10));
                })
                .tensor("b", GgmlType.Q4_K, new long[] {256}, out -> {
                    order.append('b');
                    out.write(ByteBuffer.wrap(qb));
                });
        Path file = dir.resolve("s.gguf");
        streamed.write(file);
        assertThat(order).hasToString("ab");
        assertThat(Files.readAllBytes(file)).isEqualTo(direct.toBytes()).isEqualTo(streamed.toBytes());

        GgufWriter shortSource = new GgufWriter().tensor("c", GgmlType.Q8_0, new long[] {64},
                out -> out.write(ByteBuffer.allocate(67)));
        assertThatThrownBy(() -> shortSource.write(dir.resolve("c.gguf")))
                .hasMessageContaining("tensor 'c': its source wrote 67 of its 68 bytes");
        GgufWriter longSource = new GgufWriter().tensor("d", GgmlType.Q8_0, new long[] {32},
                out -> out.write(ByteBuffer.allocate(35)));
        assertThatThrownBy(longSource::toBytes).hasMessageContaining("tensor 'd': its source wrote more than its 34 bytes");
    }
}
