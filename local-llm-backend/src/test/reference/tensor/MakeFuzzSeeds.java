// Writes the seed inputs of dev.catena.llm.gguf.fuzz.GgufReaderFuzzer (small valid GGUF files) with GgufWriter.
// Compile against the module's test classpath and run with the seed folder as argument:
//   java -cp local-llm-backend/target/classes:. MakeFuzzSeeds local-llm-backend/src/test/resources/fuzz/GgufReaderFuzzer
// gguf-py-every-metadata-type.gguf in that folder is a copy of tensor/writer_reference.gguf (make_tensors.py).
import dev.catena.llm.gguf.*;
import dev.catena.llm.tensor.*;
import java.nio.file.*;
import java.util.*;

public class MakeFuzzSeeds {
    public static void main(String[] a) throws Exception {
        Path dir = Path.of(a[0]);
        Files.createDirectories(dir);
        Random r = new Random(1);
        float[] v64 = new float[64];
        for (int i = 0; i < 64; i++) v64[i] = (float) r.nextGaussian();
        new GgufWriter().write(dir.resolve("empty.gguf"));
        new GgufWriter().putString("general.architecture", "seed")
            .putUint32("k.u32", 7).putString("k.str", "hello")
            .putArray("k.arr", GgufValueType.INT32, List.of(1, 2, 3)).put("k.bol", GgufValueType.BOOL, true)
            .putArray("k.nested", GgufValueType.ARRAY, List.of(GgufWriter.array(GgufValueType.STRING, List.of("a", "b"))))
            .tensor("tensor.one", GgmlType.F32, new long[] {4, 2}, new float[] {1, 2, 3, 4, 5, 6, 7, 8})
            .tensor("tensor.two", GgmlType.Q4_0, new long[] {32, 2}, v64)
            .tensor("tensor.three", GgmlType.Q8_0, new long[] {32, 1, 2}, v64)
            .write(dir.resolve("f32-q4_0-q8_0.gguf"));
        new GgufWriter().version(2).alignment(8)
            .tensor("f32", GgmlType.F32, new long[] {3, 2}, Arrays.copyOf(v64, 6))
            .tensor("f16", GgmlType.F16, new long[] {5}, Arrays.copyOf(v64, 5))
            .tensor("bf16", GgmlType.BF16, new long[] {7}, Arrays.copyOf(v64, 7))
            .write(dir.resolve("floats-v2-align8.gguf"));
        GgufWriter blocks = new GgufWriter().putString("general.architecture", "seed-blocks");
        for (GgmlType t : List.of(GgmlType.Q4_1, GgmlType.Q5_0, GgmlType.Q5_1, GgmlType.Q8_1)) {
            byte[] b = new byte[t.bytesPerBlock()];
            r.nextBytes(b);
            b[1] = 0x20; b[3] = 0x20;  // small positive half scales
            blocks.tensor(t.name().toLowerCase(), t, new long[] {32}, b);
        }
        blocks.write(dir.resolve("legacy-blocks.gguf"));
        GgufWriter k = new GgufWriter().alignment(16);
        for (GgmlType t : List.of(GgmlType.Q2_K, GgmlType.Q3_K, GgmlType.Q4_K, GgmlType.Q5_K, GgmlType.Q6_K, GgmlType.Q8_K)) {
            byte[] b = new byte[t.bytesPerBlock()];
            r.nextBytes(b);
            k.tensor(t.name().toLowerCase(), t, new long[] {256}, b);
        }
        k.tensor("iq2_xxs", GgmlType.IQ2_XXS, new long[] {256}, new byte[66]);
        k.write(dir.resolve("k-quants-and-unsupported.gguf"));
    }
}
