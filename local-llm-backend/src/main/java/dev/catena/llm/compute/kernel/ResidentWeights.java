package dev.catena.llm.compute.kernel;

import dev.catena.llm.gguf.PageAdvice;
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
 * Weight matrices copied, on first use, from the file mapping into anonymous memory backed by transparent
 * huge pages ({@code catena_alloc_weights}): a matrix-vector product streams the whole matrix, and through
 * 4 KiB pages the TLB misses held the kernels to ~11 GB/s where huge pages reach ~16 GB/s. Q4_0 and Q8_0
 * are repacked on the way into tiles of 16 rows ({@code catena_repack_x16}: per tile and block column the
 * 16 scales, then the quant bytes interleaved 4 at a time), so their kernels sum 16 rows per instruction,
 * as llama.cpp's repacked CPU buffers do; other types keep their stored layout. Copies take as many bytes
 * as the rows they hold.
 *
 * <p>A copy lives as long as its tensor. The mapped pages it came from are then released
 * ({@link PageAdvice#release}: they stay in the page cache and come back on the next read, such as an
 * embedding row of a tied output matrix, read without readahead), so resident memory holds the weights once. The system property
 * {@code catena.weights=mapped} turns copying off (the kernels then read the mapping, Q4_0 and Q8_0 in
 * their stored layout). Thread-safe.
 */
final class ResidentWeights {

    /** Copies are placed one after another in mappings of this size (whole huge pages), larger ones alone. */
    private static final long CHUNK = 32L << 20;

    private final MethodHandle alloc;
    private final MethodHandle free;
    private final MethodHandle repack;
    private final boolean tiles;
    private final Map<Tensor, MemorySegment> copies = Collections.synchronizedMap(new WeakHashMap<>());
    /** Tensors over the copies kept in the stored layout, to read single rows from them. */
    private final Map<Tensor, Tensor> views = Collections.synchronizedMap(new WeakHashMap<>());
    private MemorySegment chunk;
    private long chunkUsed;

    private ResidentWeights(boolean tiles, MethodHandle alloc, MethodHandle free, MethodHandle repack) {
        this.tiles = tiles;
        this.alloc = alloc;
        this.free = free;
        this.repack = repack;
    }

    /**
     * Binds the allocation and repacking functions of the kernel library; empty when it lacks them or when
     * {@code catena.weights=mapped}. With {@code tiles} false (an instruction set without tile kernels) every
     * copy keeps the stored layout.
     */
    static Optional<ResidentWeights> bind(Linker linker, SymbolLookup lookup, boolean tiles) {
        if ("mapped".equals(System.getProperty("catena.weights"))) {
            return Optional.empty();
        }
        var alloc = lookup.find("catena_alloc_weights");
        var free = lookup.find("catena_free_weights");
        var repack = lookup.find("catena_repack_x16");
        if (alloc.isEmpty() || free.isEmpty() || repack.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ResidentWeights(tiles,
                linker.downcallHandle(alloc.get(), FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.JAVA_LONG)),
                linker.downcallHandle(free.get(), FunctionDescriptor.ofVoid(ValueLayout.ADDRESS, ValueLayout.JAVA_LONG)),
                linker.downcallHandle(repack.get(), FunctionDescriptor.ofVoid(ValueLayout.ADDRESS, ValueLayout.JAVA_LONG,
                        ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS),
                        Linker.Option.critical(true))));
    }

    /** Whether copies of weights of {@code type} are repacked in tiles of 16 rows. */
    boolean tiled(GgmlType type) {
        return tiles && (type == GgmlType.Q4_0 || type == GgmlType.Q8_0);
    }

    /** The resident copy of {@code w}: tiles of 16 rows where {@link #tiled}, else the stored layout. */
    MemorySegment of(Tensor w) {
        MemorySegment done = copies.get(w);
        if (done != null) {
            return done;
        }
        synchronized (this) {
            return copies.computeIfAbsent(w, this::copy);
        }
    }

    /**
     * Row {@code row} of {@code w} as floats from its copy, exactly as {@link Tensor#dequantizeRow} gives it;
     * false when there is no copy (yet): the caller reads the tensor itself.
     */
    boolean dequantizeRow(Tensor w, int row, float[] out) {
        MemorySegment copy = copies.get(w);
        if (copy == null) {
            return false;
        }
        if (!tiled(w.type())) {
            views.get(w).dequantizeRow(row, out, 0);
            return true;
        }
        int bytesPerBlock = w.type().bytesPerBlock();
        int blocks = w.columns() / 32;
        boolean q8 = w.type() == GgmlType.Q8_0;
        long tile = (long) (row / 16) * blocks * 16 * bytesPerBlock;
        int lane = row % 16;
        for (int i = 0; i < blocks; i++) {
            long block = tile + (long) i * 16 * bytesPerBlock;
            float d = Float.float16ToFloat(copy.get(ValueLayout.JAVA_SHORT_UNALIGNED, block + 2L * lane));
            for (int j = 0; j < bytesPerBlock - 2; j++) {
                byte q = copy.get(ValueLayout.JAVA_BYTE, block + 32 + 64L * (j / 4) + 4L * lane + j % 4);
                if (q8) {
                    out[i * 32 + j] = d * q;
                } else {
                    out[i * 32 + j] = d * ((q & 0x0F) - 8);
                    out[i * 32 + j + 16] = d * (((q >> 4) & 0x0F) - 8);
                }
            }
        }
        return true;
    }

    private MemorySegment copy(Tensor w) {
        int blocks = w.columns() / w.type().blockSize();
        int bytesPerBlock = w.type().bytesPerBlock();
        long rowBytes = (long) blocks * bytesPerBlock;
        boolean tiled = tiled(w.type());
        long size = tiled ? (w.rows() + 15L) / 16 * 16 * rowBytes : w.rows() * rowBytes;
        MemorySegment source = w.blockData();
        MemorySegment out = allocate(size, w);
        try {
            if (tiled) {
                repack.invokeExact(source, rowBytes, w.rows(), blocks, bytesPerBlock, out);
            } else {
                MemorySegment.copy(source, 0, out, 0, size);
                views.put(w, Tensor.of(w.type(), out, w.shape()));
            }
        } catch (Throwable t) {
            throw NativeKernelBackend.failure(t);
        }
        MemorySegment copied = source.asSlice(0, w.rows() * rowBytes);
        PageAdvice.release(copied);
        PageAdvice.randomAccess(copied); // later reads are single rows (an embedding table tied to the output)
        return out;
    }

    /**
     * Room for a copy: a slice of the current chunk (small matrices share huge pages), or a mapping of its
     * own for a large one. A chunk is unmapped when no slice of it is reachable any more.
     */
    private MemorySegment allocate(long size, Tensor w) {
        long padded = (size + 63) / 64 * 64;
        if (padded > CHUNK / 2) {
            return map(padded, w);
        }
        if (chunk == null || chunkUsed + padded > chunk.byteSize()) {
            chunk = map(CHUNK, w);
            chunkUsed = 0;
        }
        MemorySegment out = chunk.asSlice(chunkUsed, size);
        chunkUsed += padded;
        return out;
    }

    private MemorySegment map(long size, Tensor w) {
        MemorySegment address;
        try {
            address = (MemorySegment) alloc.invokeExact(size);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
        if (address.equals(MemorySegment.NULL)) {
            throw new OutOfMemoryError("cannot map " + size + " bytes for a copy of " + w
                    + " (run with -Dcatena.weights=mapped to read the file mapping instead)");
        }
        long at = address.address();
        return address.reinterpret(size, Arena.ofAuto(), s -> release(at, size));
    }

    private void release(long address, long size) {
        try {
            free.invokeExact(MemorySegment.ofAddress(address), size);
        } catch (Throwable t) {
            throw new IllegalStateException("cannot unmap weight copy", t);
        }
    }
}
