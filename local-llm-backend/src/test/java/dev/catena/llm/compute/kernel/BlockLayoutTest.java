package dev.catena.llm.compute.kernel;

import dev.catena.llm.tensor.BlockLayout;
import dev.catena.llm.tensor.GgmlType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

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
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every {@link GgmlType}'s Java {@link BlockLayout} against the C struct of {@code catena_blocks.h}, as the
 * native library reports it (sizeof and offsetof/sizeof of each member, through {@code catena_block_layout}
 * and {@code catena_block_part}). Skipped where the library was not built (no gcc), except on CI.
 */
class BlockLayoutTest {

    private static MethodHandle layout;
    private static MethodHandle part;

    @BeforeAll
    static void loadLibrary() throws IOException {
        try (InputStream in = BlockLayoutTest.class.getResourceAsStream(NativeKernelBackend.RESOURCE)) {
            if (in == null) {
                if (System.getenv("CI") != null) {
                    fail(NativeKernelBackend.RESOURCE + " is missing: the build did not compile the C kernels");
                }
                assumeTrue(false, NativeKernelBackend.RESOURCE + " is not built here (no gcc)");
            }
            Path lib = Files.createTempFile("catena-kernels-layout-", ".so");
            lib.toFile().deleteOnExit();
            Files.copy(in, lib, StandardCopyOption.REPLACE_EXISTING);
            SymbolLookup lookup = SymbolLookup.libraryLookup(lib, Arena.global());
            Linker linker = Linker.nativeLinker();
            layout = linker.downcallHandle(lookup.findOrThrow("catena_block_layout"),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS));
            part = linker.downcallHandle(lookup.findOrThrow("catena_block_part"),
                    FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT,
                            ValueLayout.ADDRESS, ValueLayout.ADDRESS));
        }
    }

    @ParameterizedTest
    @EnumSource(GgmlType.class)
    void javaLayoutIsTheCStruct(GgmlType type) throws Throwable {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment ints = arena.allocate(ValueLayout.JAVA_INT, 2);
            int size = (int) layout.invokeExact(type.id(), ints);
            assertTrue(size >= 0, type + " has no row in CATENA_BLOCK_LAYOUTS (catena_blocks.h)");
            int elements = ints.getAtIndex(ValueLayout.JAVA_INT, 0);
            List<BlockLayout.Part> parts = new ArrayList<>();
            for (int i = 0; ; i++) {
                MemorySegment name = (MemorySegment) part.invokeExact(type.id(), i, ints, ints.asSlice(4));
                if (name.equals(MemorySegment.NULL)) {
                    break;
                }
                parts.add(new BlockLayout.Part(name.reinterpret(64).getString(0), ints.getAtIndex(ValueLayout.JAVA_INT, 0),
                        ints.getAtIndex(ValueLayout.JAVA_INT, 1)));
            }
            assertEquals(new BlockLayout(elements, size, parts), type.layout(), type + ": Java layout vs C struct");
            assertEquals(type.blockSize(), elements, type + " elements per block");
            assertEquals(type.bytesPerBlock(), size, type + " bytes per block");
        }
    }
}
