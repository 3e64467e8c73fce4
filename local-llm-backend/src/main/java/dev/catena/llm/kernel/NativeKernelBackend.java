package dev.catena.llm.kernel;

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
 * {@code native/linux-x86_64/libcatena_kernels.so} in the jar), called through the FFM API on the mapped
 * weights without copying. The library is extracted to a temporary file once. The instruction set is
 * chosen from the CPU's features ({@code avx512vnni}, {@code avx2}, else {@code scalar}) unless the
 * system property {@code catena.kernels.isa} names one.
 */
final class NativeKernelBackend implements KernelBackend {

    static final String RESOURCE = "/native/linux-x86_64/libcatena_kernels.so";
    private static final GgmlType[] TYPES = {GgmlType.Q4_0, GgmlType.Q5_0, GgmlType.Q8_0, GgmlType.Q4_K, GgmlType.Q5_K, GgmlType.Q6_K};
    private static final FunctionDescriptor KERNEL = FunctionDescriptor.ofVoid(ValueLayout.ADDRESS, ValueLayout.JAVA_LONG,
            ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS,
            ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT);

    private final String isa;
    private final Map<GgmlType, MethodHandle> kernels;

    private NativeKernelBackend(String isa, Map<GgmlType, MethodHandle> kernels) {
        this.isa = isa;
        this.kernels = kernels;
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
        for (GgmlType t : TYPES) {
            String symbol = "catena_" + t.name().toLowerCase(Locale.ROOT) + "_" + isa;
            kernels.put(t, linker.downcallHandle(lookup.findOrThrow(symbol), KERNEL, Linker.Option.critical(true)));
        }
        return Optional.of(new NativeKernelBackend(isa, kernels));
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
        return "native (C, " + isa + ")";
    }

    @Override
    public boolean supports(GgmlType type) {
        return kernels.containsKey(type);
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
        try {
            k.invokeExact(w.blockData(), rowBytes, x.qs(), x.scales(), x.sums(), MemorySegment.ofArray(out),
                    rowStart, rowEnd, blocks);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
