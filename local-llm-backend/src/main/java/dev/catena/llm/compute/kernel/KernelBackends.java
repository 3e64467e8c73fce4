package dev.catena.llm.compute.kernel;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Chooses the {@link KernelBackend}: the one named by the system property {@code catena.kernels}
 * ({@code native}, {@code vector} or {@code scalar}), else the fastest available (native, then vector,
 * then scalar). The default choice is made and logged once per JVM.
 */
public final class KernelBackends {

    /** The system property that forces a backend. */
    public static final String PROPERTY = "catena.kernels";

    private static final Logger LOG = LoggerFactory.getLogger(KernelBackends.class);
    private static final String[] NAMES = {"native", "vector", "scalar"};

    private static volatile NativeKernelBackend nativeBackend;
    private static volatile String nativeWhyNot;

    private KernelBackends() {
    }

    /** The backend named by {@value #PROPERTY}, else the fastest available one; logged on first use. */
    public static KernelBackend preferred() {
        return Holder.PREFERRED;
    }

    /** The names of the backends usable in this JVM, fastest first. */
    public static List<String> available() {
        List<String> out = new ArrayList<>();
        for (String n : NAMES) {
            if (isAvailable(n)) {
                out.add(n);
            }
        }
        return out;
    }

    /**
     * The backend called {@code name}.
     *
     * @throws IllegalArgumentException when the name is unknown or that backend cannot run here (with why)
     */
    public static KernelBackend byName(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        return switch (n) {
            case "scalar" -> new ScalarKernelBackend();
            case "vector" -> {
                if (!vectorModulePresent()) {
                    throw new IllegalArgumentException("kernels 'vector' need the JVM flag --add-modules jdk.incubator.vector");
                }
                yield new VectorKernelBackend();
            }
            case "native" -> {
                NativeKernelBackend b = loadNative();
                if (b == null) {
                    throw new IllegalArgumentException("kernels 'native' are unavailable: " + nativeWhyNot);
                }
                yield b;
            }
            default -> throw new IllegalArgumentException("unknown kernels '" + name + "' (expected native, vector or scalar)");
        };
    }

    private static boolean isAvailable(String name) {
        return switch (name) {
            case "native" -> loadNative() != null;
            case "vector" -> vectorModulePresent();
            default -> true;
        };
    }

    static boolean vectorModulePresent() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    private static synchronized NativeKernelBackend loadNative() {
        if (nativeBackend == null && nativeWhyNot == null) {
            StringBuilder why = new StringBuilder();
            nativeBackend = NativeKernelBackend.load(why).orElse(null);
            if (nativeBackend == null) {
                nativeWhyNot = why.toString();
            }
        }
        return nativeBackend;
    }

    private static final class Holder {
        static final KernelBackend PREFERRED = choose();

        private static KernelBackend choose() {
            String forced = System.getProperty(PROPERTY);
            KernelBackend b;
            if (forced != null && !forced.isBlank()) {
                b = byName(forced);
                LOG.info("Kernels: {} (forced by -D{}={})", b.description(), PROPERTY, forced);
                return b;
            }
            if (loadNative() != null) {
                b = nativeBackend;
            } else if (vectorModulePresent()) {
                b = new VectorKernelBackend();
            } else {
                b = new ScalarKernelBackend();
            }
            LOG.info("Kernels: {}{}", b.description(), nativeWhyNot == null ? "" : " (native unavailable: " + nativeWhyNot + ")");
            return b;
        }
    }
}
