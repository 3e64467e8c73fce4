package dev.catena.llm.gguf;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * Hints to the kernel ({@code madvise}) about how a region of a mapped GGUF file will be read. Only
 * file-backed mappings are advised (releasing anonymous memory would lose it); elsewhere, or without
 * {@code madvise}, the calls do nothing. Hints never change what a read returns.
 */
public final class PageAdvice {

    private static final int MADV_RANDOM = 1;
    private static final int MADV_DONTNEED = 4;
    private static final long PAGE = 4096;
    /**
     * The most pages one fault may map around the page asked for: Linux's fault-around window (64 KiB), or a
     * whole large folio of the page cache (ext4 and others since 6.x, up to 2 MiB).
     */
    private static final long FAULT_AROUND = 2 * 1024 * 1024;
    private static final MethodHandle MADVISE = Linker.nativeLinker().defaultLookup().find("madvise")
            .map(m -> Linker.nativeLinker().downcallHandle(m, FunctionDescriptor.of(ValueLayout.JAVA_INT,
                    ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT)))
            .orElse(null);

    private PageAdvice() {
    }

    /**
     * Rows of this region will be read here and there (an embedding table): read only the page asked for,
     * not the 128 KiB around it, so a few hundred lookups do not bring in tens of MB.
     */
    public static void randomAccess(MemorySegment region) {
        advise(region, MADV_RANDOM);
    }

    /**
     * This region has been copied elsewhere: drop its pages from this process (they stay in the page cache
     * and come back on the next read).
     */
    public static void release(MemorySegment region) {
        advise(region, MADV_DONTNEED);
    }

    /**
     * Bytes {@code [offset, offset + length)} of this region have just been read (a row of an embedding
     * table): drop the pages around them. Even under {@link #randomAccess} a page fault maps the cached pages
     * around it (fault-around, large folios), so a few hundred lookups would keep tens of MB resident.
     * Allocates nothing.
     */
    public static void releaseAround(MemorySegment region, long offset, long length) {
        if (!advisable(region)) {
            return;
        }
        long first = Math.max((region.address() + PAGE - 1) / PAGE * PAGE,
                (region.address() + offset) / FAULT_AROUND * FAULT_AROUND);
        long end = Math.min((region.address() + region.byteSize()) / PAGE * PAGE,
                (region.address() + offset + length + FAULT_AROUND - 1) / FAULT_AROUND * FAULT_AROUND);
        madvise(first, end, MADV_DONTNEED);
    }

    private static void advise(MemorySegment region, int advice) {
        if (advisable(region)) {
            madvise((region.address() + PAGE - 1) / PAGE * PAGE, (region.address() + region.byteSize()) / PAGE * PAGE, advice);
        }
    }

    /** Only a file mapping is advised: releasing anonymous memory would lose its contents. */
    private static boolean advisable(MemorySegment region) {
        return MADVISE != null && region != null && region.isNative() && region.isMapped();
    }

    private static void madvise(long start, long end, int advice) {
        if (end > start) {
            try {
                int ignored = (int) MADVISE.invokeExact(start, end - start, advice);
            } catch (Throwable t) {
                // a hint only
            }
        }
    }
}
