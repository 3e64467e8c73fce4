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
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * Weight matrices copied, on first use, from the file mapping into anonymous memory backed by transparent
 * huge pages ({@code catena_alloc_weights}): a matrix-vector product streams the whole matrix, and through
 * 4 KiB pages the TLB misses held the kernels to ~11 GB/s where huge pages reach ~16 GB/s. Q4_0, Q8_0,
 * IQ4_NL and IQ4_XS are repacked on the way into tiles of 16 rows ({@code catena_repack_x16}, layouts in
 * {@code catena_tiles.h}: per tile and block column the 16 scales, then the quant bytes interleaved 4 at a
 * time), so their kernels sum 16 rows per instruction, as llama.cpp's repacked CPU buffers do; other types
 * keep their stored layout. Copies take as many bytes as the rows they hold (IQ4_XS tiles 138 per 136).
 *
 * <p>A copy lives as long as its tensor. The mapped pages it came from are then released
 * ({@link PageAdvice#release}: they stay in the page cache and come back on the next read, such as an
 * embedding row of a tied output matrix, read without readahead), so resident memory holds the weights once. The system property
 * {@code catena.weights=mapped} turns copying off (the kernels then read the mapping in the stored
 * layout). Thread-safe.
 */
final class ResidentWeights {

    /** Copies are placed one after another in mappings of this size (whole huge pages), larger ones alone. */
    private static final long CHUNK = 32L << 20;

    private final MethodHandle alloc;
    private final MethodHandle free;
    private final MethodHandle repack;
    /** {@code catena_x16_block_bytes}: the C side's size of a tile's block column, checked against {@link TiledRows}. */
    private final MethodHandle columnBytes;
    /** The types whose copies are repacked in tiles of 16 rows: those with tile kernels. */
    private final Set<GgmlType> tiles;
    private final Map<Tensor, MemorySegment> copies = Collections.synchronizedMap(new WeakHashMap<>());
    /** Tensors over the copies kept in the stored layout, to read single rows from them. */
    private final Map<Tensor, Tensor> views = Collections.synchronizedMap(new WeakHashMap<>());
    private MemorySegment chunk;
    private long chunkUsed;

    private ResidentWeights(Set<GgmlType> tiles, MethodHandle alloc, MethodHandle free, MethodHandle repack,
                            MethodHandle columnBytes) {
        this.columnBytes = columnBytes;
        this.tiles = tiles;
        this.alloc = alloc;
        this.free = free;
        this.repack = repack;
    }

    /**
     * Binds the allocation and repacking functions of the kernel library; empty when it lacks them. Copies of the types in {@code tiles} (those with tile kernels in the
     * instruction set in use) are repacked; every other copy keeps the stored layout.
     */
    static Optional<ResidentWeights> bind(Linker linker, SymbolLookup lookup, Set<GgmlType> tiles) {
        var alloc = lookup.find("catena_alloc_weights");
        var free = lookup.find("catena_free_weights");
        var repack = lookup.find("catena_repack_x16");
        var columnBytes = lookup.find("catena_x16_block_bytes");
        if (alloc.isEmpty() || free.isEmpty() || repack.isEmpty() || columnBytes.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ResidentWeights(tiles.isEmpty() ? EnumSet.noneOf(GgmlType.class) : EnumSet.copyOf(tiles),
                linker.downcallHandle(alloc.get(), FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.JAVA_LONG)),
                linker.downcallHandle(free.get(), FunctionDescriptor.ofVoid(ValueLayout.ADDRESS, ValueLayout.JAVA_LONG)),
                linker.downcallHandle(repack.get(), FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG,
                        ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS),
                        Linker.Option.critical(true)),
                linker.downcallHandle(columnBytes.get(), FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT))));
    }

    /** Whether copies of weights of {@code type} are repacked in tiles of 16 rows. */
    boolean tiled(GgmlType type) {
        return tiles.contains(type);
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
        TiledRows.dequantizeRow(copy, w.type(), w.columns(), row, out);
        return true;
    }

    private MemorySegment copy(Tensor w) {
        int blocks = w.columns() / w.type().blockSize();
        int bytesPerBlock = w.type().bytesPerBlock();
        long rowBytes = (long) blocks * bytesPerBlock;
        boolean tiled = tiled(w.type());
        long size = tiled ? (w.rows() + 15L) / 16 * blocks * TiledRows.columnBytes(w.type()) : w.rows() * rowBytes;
        MemorySegment source = w.blockData();
        MemorySegment out = allocate(size, w);
        try {
            if (tiled) {
                int column = (int) columnBytes.invokeExact(w.type().id());
                if (column != TiledRows.columnBytes(w.type())) {
                    throw new IllegalStateException("the kernel library's " + w.type() + " tiles take " + column
                            + " bytes per block column, TiledRows reads " + TiledRows.columnBytes(w.type()));
                }
                int done = (int) repack.invokeExact(source, rowBytes, w.rows(), blocks, w.type().id(), out);
                if (done != 0) {
                    throw new IllegalStateException("catena_repack_x16 has no tile layout for " + w.type());
                }
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
