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

    private static void advise(MemorySegment region, int advice) {
        if (MADVISE == null || region == null || !region.isNative() || !region.isMapped()) {
            return;
        }
        long start = (region.address() + PAGE - 1) / PAGE * PAGE;
        long end = (region.address() + region.byteSize()) / PAGE * PAGE;
        if (end > start) {
            try {
                int ignored = (int) MADVISE.invokeExact(start, end - start, advice);
            } catch (Throwable t) {
                // a hint only
            }
        }
    }
}
