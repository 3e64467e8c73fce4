package dev.catena.llm.kernel;

import dev.catena.llm.tensor.GgmlType;
import dev.catena.llm.tensor.Tensor;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;

/**
 * Q4_0 and Q8_0 weight matrices repacked, on first use, into tiles of 16 rows (the native
 * {@code catena_repack_x16} layout: per tile and block column, the 16 scales, then the quant bytes
 * interleaved 4 at a time), so the AVX-512 kernels read one sequential stream and sum 16 rows per
 * instruction, as llama.cpp's repacked CPU buffers do. The tiles take as many bytes as the rows.
 *
 * <p>A repacked copy lives as long as its tensor. When the tensor is mapped from a file, the mapped pages
 * it was copied from are released with {@code madvise(MADV_DONTNEED)} (they stay in the page cache and
 * come back on the next read, e.g. an embedding row of a tied output matrix), so resident memory holds
 * the weights once. Thread-safe.
 */
final class RepackedWeights {

    private static final int MADV_DONTNEED = 4;
    private static final long PAGE = 4096;

    private final MethodHandle repack;
    private final MethodHandle madvise;
    private final Map<Tensor, MemorySegment> tiles = Collections.synchronizedMap(new WeakHashMap<>());

    private RepackedWeights(MethodHandle repack, MethodHandle madvise) {
        this.repack = repack;
        this.madvise = madvise;
    }

    /** Binds {@code catena_repack_x16} in {@code lookup}; empty when the library has no such function. */
    static Optional<RepackedWeights> bind(Linker linker, SymbolLookup lookup) {
        return lookup.find("catena_repack_x16").map(symbol -> new RepackedWeights(
                linker.downcallHandle(symbol, FunctionDescriptor.ofVoid(ValueLayout.ADDRESS, ValueLayout.JAVA_LONG,
                        ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS),
                        Linker.Option.critical(true)),
                linker.defaultLookup().find("madvise").map(m -> linker.downcallHandle(m, FunctionDescriptor.of(
                        ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT)))
                        .orElse(null)));
    }

    /** Whether weights of {@code type} and {@code columns} can be repacked. */
    static boolean accepts(GgmlType type, int columns) {
        return (type == GgmlType.Q4_0 || type == GgmlType.Q8_0) && columns % 32 == 0;
    }

    /** The tiles of {@code w} (repacked now on first use). */
    MemorySegment of(Tensor w) {
        MemorySegment done = tiles.get(w);
        if (done != null) {
            return done;
        }
        synchronized (this) {
            return tiles.computeIfAbsent(w, this::repack);
        }
    }

    private MemorySegment repack(Tensor w) {
        int blocks = w.columns() / w.type().blockSize();
        int bytesPerBlock = w.type().bytesPerBlock();
        long rowBytes = (long) blocks * bytesPerBlock;
        long tileCount = (w.rows() + 15) / 16;
        MemorySegment out = Arena.ofAuto().allocate(tileCount * blocks * 16 * bytesPerBlock, 64);
        MemorySegment source = w.blockData();
        try {
            repack.invokeExact(source, rowBytes, w.rows(), blocks, bytesPerBlock, out);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
        if (madvise != null && source.isNative() && source.isMapped()) {
            long start = (source.address() + PAGE - 1) / PAGE * PAGE;
            long end = (source.address() + (long) w.rows() * rowBytes) / PAGE * PAGE;
            if (end > start) {
                try {
                    int ignored = (int) madvise.invokeExact(start, end - start, MADV_DONTNEED);
                } catch (Throwable t) {
                    // releasing is an optimisation; the copy is complete either way
                }
            }
        }
        return out;
    }
}
