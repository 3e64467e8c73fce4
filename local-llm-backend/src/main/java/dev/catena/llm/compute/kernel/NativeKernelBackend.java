package dev.catena.llm.compute.kernel;

import dev.catena.llm.gguf.PageAdvice;
import dev.catena.llm.tensor.GgmlType;
import dev.catena.llm.tensor.Tensor;

import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Integer kernels in C ({@code src/main/c/catena_kernels.c}, compiled by the build with gcc into
 * {@code native/linux-x86_64/libcatena_kernels.so} in the jar), called through the FFM API on huge-page
 * copies of the weights ({@link ResidentWeights}; Q4_0, Q8_0, IQ4_NL, IQ4_XS repacked in tiles of 16 rows), or on the
 * file mapping itself with {@code -Dcatena.weights=mapped}. The library is extracted to a temporary file once. The instruction set is
 * chosen from the CPU's features ({@code avx512vnni}: AVX-512 with VNNI and VBMI, Ice Lake / Zen 4 on;
 * {@code avx2}; else {@code scalar}) unless the system property {@code catena.kernels.isa} names one. The
 * AVX-512 and AVX2 sets also have tiled GEMM kernels for batches (prompt prefill) and kernels on 16-row tiles.
 */
final class NativeKernelBackend implements KernelBackend {

    static final String RESOURCE = "/native/linux-x86_64/libcatena_kernels.so";
    private static final GgmlType[] TYPES = {GgmlType.F32, GgmlType.F16, GgmlType.BF16, GgmlType.Q4_0, GgmlType.Q4_1, GgmlType.Q5_0, GgmlType.Q5_1, GgmlType.Q8_0, GgmlType.Q2_K, GgmlType.Q3_K, GgmlType.Q4_K, GgmlType.Q5_K, GgmlType.Q6_K, GgmlType.IQ4_NL, GgmlType.IQ4_XS};
    private static final FunctionDescriptor KERNEL = FunctionDescriptor.ofVoid(ValueLayout.ADDRESS, ValueLayout.JAVA_LONG,
            ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS,
            ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT);

    private static final FunctionDescriptor GEMM = FunctionDescriptor.ofVoid(ValueLayout.ADDRESS, ValueLayout.JAVA_LONG,
            ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS,
            ValueLayout.ADDRESS, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT);
    private static final FunctionDescriptor TILE_KERNEL = FunctionDescriptor.ofVoid(ValueLayout.ADDRESS, ValueLayout.JAVA_INT,
            ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_INT,
            ValueLayout.JAVA_INT);
    private static final FunctionDescriptor QUANTIZE = FunctionDescriptor.ofVoid(ValueLayout.ADDRESS, ValueLayout.JAVA_INT,
            ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS);
    /** Batches from this size on take the tiled GEMM kernel, where the instruction set has one. */
    static final int GEMM_MIN_BATCH = 4;

    private final String isa;
    private final Map<GgmlType, MethodHandle> kernels;
    private final Map<GgmlType, MethodHandle> gemms;
    /** Kernels on weights repacked in tiles of 16 rows ({@link ResidentWeights}), where this set has them. */
    private final Map<GgmlType, MethodHandle> tileKernels;
    private final Map<GgmlType, MethodHandle> tileGemms;
    /** Activation quantizers in C, where this instruction set has them (bit-exact to {@link QuantizedVector#quantize}). */
    private final Map<ActivationFormat, MethodHandle> quantizers;
    /** Huge-page copies of the weights, or null to read the file mapping. */
    private final ResidentWeights resident;
    private final ThreadLocal<GemmScratch> gemmScratch = ThreadLocal.withInitial(GemmScratch::new);

    private final ThreadLocal<HeapSegments> heapSegments = ThreadLocal.withInitial(HeapSegments::new);

    /**
     * The heap segments of the arrays a thread has passed lately: a generation step quantizes and writes the
     * same few buffers every time, so wrapping them once keeps the step free of allocation.
     */
    private static final class HeapSegments {
        private final float[][] arrays = new float[16][];
        private final MemorySegment[] segments = new MemorySegment[16];
        private int next;

        MemorySegment of(float[] array) {
            for (int i = 0; i < arrays.length; i++) {
                if (arrays[i] == array) {
                    return segments[i];
                }
            }
            int i = next;
            next = (next + 1) % arrays.length;
            arrays[i] = array;
            segments[i] = MemorySegment.ofArray(array);
            return segments[i];
        }
    }

    /** Per-thread argument arrays of a GEMM call: the activation addresses and the output rows. */
    private static final class GemmScratch {
        long[] pointers = new long[0];
        float[] out = new float[0];
    }

    private NativeKernelBackend(String isa, Map<GgmlType, MethodHandle> kernels, Map<GgmlType, MethodHandle> gemms,
                                Map<GgmlType, MethodHandle> tileKernels, Map<GgmlType, MethodHandle> tileGemms,
                                Map<ActivationFormat, MethodHandle> quantizers, ResidentWeights resident) {
        this.quantizers = quantizers;
        this.isa = isa;
        this.kernels = kernels;
        this.gemms = gemms;
        this.tileKernels = resident == null ? Map.of() : tileKernels;
        this.tileGemms = resident == null ? Map.of() : tileGemms;
        this.resident = resident;
    }

    /**
     * Loads the library and binds the kernels of the best (or the requested) instruction set.
     *
     * @return empty with the reason logged by the caller when the library is absent or cannot be loaded
     * @throws IllegalArgumentException when {@code catena.kernels.isa} names an unknown or unsupported set
     */
    static Optional<NativeKernelBackend> load(StringBuilder whyNot) {
        return load(whyNot, System.getProperty("catena.kernels.isa"));
    }

    /** As {@link #load(StringBuilder)} with the instruction set given ({@code null}: the best one). */
    static Optional<NativeKernelBackend> load(StringBuilder whyNot, String requestedIsa) {
        return load(whyNot, requestedIsa, !"mapped".equals(System.getProperty("catena.weights")));
    }

    /**
     * As {@link #load(StringBuilder, String)}; with {@code copies} false the kernels read the file mapping in
     * the stored layout ({@code -Dcatena.weights=mapped}) instead of huge-page copies and tiles.
     */
    static Optional<NativeKernelBackend> load(StringBuilder whyNot, String requestedIsa, boolean copies) {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "");
        if (!os.contains("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            whyNot.append("no native kernels for ").append(os).append('/').append(arch);
            return Optional.empty();
        }
        Path lib;
        try (InputStream in = NativeKernelBackend.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                whyNot.append(RESOURCE).append(" is not on the class path (built without gcc)");
                return Optional.empty();
            }
            lib = Files.createTempFile("catena-kernels-", ".so");
            lib.toFile().deleteOnExit();
            Files.copy(in, lib, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            whyNot.append("cannot extract ").append(RESOURCE).append(": ").append(e.getMessage());
            return Optional.empty();
        }
        Linker linker = Linker.nativeLinker();
        SymbolLookup lookup;
        try {
            lookup = SymbolLookup.libraryLookup(lib, Arena.global());
        } catch (IllegalArgumentException | IllegalCallerException e) {
            whyNot.append("cannot load ").append(lib).append(": ").append(e.getMessage());
            return Optional.empty();
        }
        int features;
        try {
            MethodHandle cpu = linker.downcallHandle(lookup.findOrThrow("catena_cpu_features"),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT));
            features = (int) cpu.invokeExact();
        } catch (Throwable t) {
            whyNot.append("cannot call catena_cpu_features: ").append(t);
            return Optional.empty();
        }
        String best = (features & 2) != 0 ? "avx512vnni" : (features & 1) != 0 ? "avx2" : "scalar";
        String isa = requestedIsa == null || requestedIsa.isBlank() ? best : requestedIsa;
        boolean supported = switch (isa) {
            case "scalar" -> true;
            case "avx2" -> (features & 1) != 0;
            case "avx512vnni" -> (features & 2) != 0;
            default -> throw new IllegalArgumentException("catena.kernels.isa: unknown instruction set '" + isa
                    + "' (expected scalar, avx2 or avx512vnni)");
        };
        if (!supported) {
            throw new IllegalArgumentException("catena.kernels.isa=" + isa + " is not supported by this CPU");
        }
        Map<GgmlType, MethodHandle> kernels = new EnumMap<>(GgmlType.class);
        Map<GgmlType, MethodHandle> gemms = new EnumMap<>(GgmlType.class);
        Map<GgmlType, MethodHandle> tileKernels = new EnumMap<>(GgmlType.class);
        Map<GgmlType, MethodHandle> tileGemms = new EnumMap<>(GgmlType.class);
        for (GgmlType t : TYPES) {
            String type = t.name().toLowerCase(Locale.ROOT);
            kernels.put(t, linker.downcallHandle(lookup.findOrThrow("catena_" + type + "_" + isa), KERNEL,
                    Linker.Option.critical(true)));
            lookup.find("catena_gemm_" + type + "_" + isa).ifPresent(gemm ->
                    gemms.put(t, linker.downcallHandle(gemm, GEMM, Linker.Option.critical(true))));
            lookup.find("catena_" + type + "x16_" + isa).ifPresent(k ->
                    tileKernels.put(t, linker.downcallHandle(k, TILE_KERNEL, Linker.Option.critical(true))));
            lookup.find("catena_gemm_" + type + "x16_" + isa).ifPresent(gemm ->
                    tileGemms.put(t, linker.downcallHandle(gemm, GEMM, Linker.Option.critical(true))));
        }
        Map<ActivationFormat, MethodHandle> quantizers = new EnumMap<>(ActivationFormat.class);
        for (ActivationFormat f : ActivationFormat.values()) {
            lookup.find("catena_quantize_" + f.name().toLowerCase(Locale.ROOT) + "_" + isa).ifPresent(q ->
                    quantizers.put(f, linker.downcallHandle(q, QUANTIZE, Linker.Option.critical(true))));
        }
        return Optional.of(new NativeKernelBackend(isa, kernels, gemms, tileKernels, tileGemms, quantizers,
                copies ? ResidentWeights.bind(linker, lookup, tileKernels.keySet()).orElse(null) : null));
    }

    /**
     * What a failed native call throws: its RuntimeException or Error as they are (rethrown here for an
     * Error), anything else (invokeExact declares Throwable) wrapped in an IllegalStateException.
     */
    static RuntimeException failure(Throwable t) {
        if (t instanceof Error e) {
            throw e;
        }
        return t instanceof RuntimeException e ? e : new IllegalStateException(t);
    }

    /** Whether batches of weights of {@code type} (from {@link #GEMM_MIN_BATCH} vectors on) take a GEMM kernel. */
    boolean hasGemm(GgmlType type) {
        return (resident != null && resident.tiled(type) ? tileGemms : gemms).containsKey(type);
    }

    /** Whether products with weights of {@code type} read copies repacked in tiles of 16 rows through tile kernels. */
    boolean tiled(GgmlType type) {
        return resident != null && resident.tiled(type) && tileKernels.containsKey(type);
    }

    /** The instruction set in use: {@code avx512vnni}, {@code avx2} or {@code scalar}. */
    String isa() {
        return isa;
    }

    /** The instruction sets this CPU can run, best first (for tests and benchmarks). */
    static java.util.List<String> supportedIsas() {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (String isa : new String[] {"avx512vnni", "avx2", "scalar"}) {
            try {
                if (load(new StringBuilder(), isa).isPresent()) {
                    out.add(isa);
                }
            } catch (IllegalArgumentException unsupported) {
                // not on this CPU
            }
        }
        return out;
    }

    @Override
    public String name() {
        return "native";
    }

    @Override
    public String description() {
        return "native (C, " + isa + (resident == null ? ", mapped" : "") + ")";
    }

    @Override
    public boolean supports(GgmlType type) {
        return kernels.containsKey(type);
    }

    /**
     * A batch of at least {@link #GEMM_MIN_BATCH} vectors goes through the tiled GEMM kernel (16 weight rows
     * unpacked once for the whole batch) where this instruction set has one; otherwise row tiles of the
     * matrix-vector kernel.
     */
    @Override
    public void matMul(Tensor w, QuantizedVector[] xs, int count, float[][] outs, int rowStart, int rowEnd) {
        boolean tiles = resident != null && resident.tiled(w.type());
        MethodHandle gemm = tiles ? tileGemms.get(w.type()) : gemms.get(w.type());
        if (gemm == null || count < GEMM_MIN_BATCH || (!tiles && w.columns() % 64 != 0)) {
            KernelBackend.super.matMul(w, xs, count, outs, rowStart, rowEnd);
            return;
        }
        java.util.Objects.checkFromToIndex(rowStart, rowEnd, w.rows());
        int rows = rowEnd - rowStart;
        GemmScratch s = gemmScratch.get();
        if (s.pointers.length < 3 * count) {
            s.pointers = new long[3 * count];
        }
        if (s.out.length < count * rows) {
            s.out = new float[count * rows];
        }
        for (int b = 0; b < count; b++) {
            if (xs[b].length() != w.columns()) {
                throw new IllegalArgumentException("activation " + b + " length " + xs[b].length() + " != " + w.columns() + " columns of " + w);
            }
            s.pointers[b] = xs[b].qs().address();
            s.pointers[count + b] = xs[b].scales().address();
            s.pointers[2 * count + b] = xs[b].sums().address();
        }
        MemorySegment pointers = MemorySegment.ofArray(s.pointers);
        MemorySegment weights = resident != null ? resident.of(w) : w.blockData();
        long rowBytes = (long) (w.columns() / w.type().blockSize()) * w.type().bytesPerBlock();
        try {
            gemm.invokeExact(weights, rowBytes, w.columns(), count, pointers,
                    pointers.asSlice(8L * count), pointers.asSlice(16L * count), MemorySegment.ofArray(s.out),
                    rows, rowStart, rowEnd);
        } catch (Throwable t) {
            throw failure(t);
        }
        for (int b = 0; b < count; b++) {
            System.arraycopy(s.out, b * rows, outs[b], rowStart, rows);
        }
    }

    @Override
    public void quantize(float[] x, ActivationFormat format, QuantizedVector into) {
        MethodHandle q = quantizers.get(format);
        if (q == null) {
            into.quantize(x, format);
            return;
        }
        into.prepare(x.length, format);
        try {
            q.invokeExact(heapSegments.get().of(x), x.length, into.qs(), into.nibbleOrder(), into.scales(), into.sums());
        } catch (Throwable t) {
            throw failure(t);
        }
    }

    @Override
    public void dequantizeRow(Tensor w, int row, float[] out) {
        if (resident == null || !resident.dequantizeRow(w, row, out)) {
            w.dequantizeRow(row, out, 0);
            if (resident != null) { // the weights live in copies: keep this table's mapped pages released too
                long rowBytes = (long) (w.columns() / w.type().blockSize()) * w.type().bytesPerBlock();
                PageAdvice.releaseAround(w.blockData(), row * rowBytes, rowBytes);
            }
        }
    }

    @Override
    public void matVec(Tensor w, QuantizedVector x, float[] out, int rowStart, int rowEnd) {
        MethodHandle k = kernels.get(w.type());
        if (k == null) {
            throw new IllegalArgumentException("no native kernel for " + w.type());
        }
        java.util.Objects.checkFromToIndex(rowStart, rowEnd, Math.min(w.rows(), out.length));
        int blocks = w.columns() / w.type().blockSize();
        long rowBytes = (long) blocks * w.type().bytesPerBlock();
        if (x.length() != w.columns()) {
            throw new IllegalArgumentException("activation length " + x.length() + " != " + w.columns() + " columns of " + w);
        }
        MethodHandle tiled = tileKernels.get(w.type());
        if (tiled != null && resident.tiled(w.type())) {
            try {
                tiled.invokeExact(resident.of(w), blocks, x.qs(), x.scales(), x.sums(), heapSegments.get().of(out),
                        rowStart, rowEnd);
            } catch (Throwable t) {
                throw failure(t);
            }
            return;
        }
        MemorySegment data = resident != null ? resident.of(w) : w.blockData();
        try {
            k.invokeExact(data, rowBytes, x.qs(), x.nibbleOrder(), x.scales(), x.sums(), heapSegments.get().of(out),
                    rowStart, rowEnd, blocks);
        } catch (Throwable t) {
            throw failure(t);
        }
    }
}
