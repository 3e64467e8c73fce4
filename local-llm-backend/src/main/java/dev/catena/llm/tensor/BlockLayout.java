package dev.catena.llm.tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * The byte layout of one block of a ggml storage type: how many elements it holds, its size, and its parts
 * (scale {@code d}, minimum {@code m}/{@code dmin}, quants {@code qs}, high bits {@code qh}, packed
 * {@code scales}...) with their offsets, in the order of ggml's {@code ggml-common.h}. Each
 * {@link GgmlType} declares its layout once; the tensor classes and the Java kernels read their offsets
 * from it, and the C kernels' structs in {@code src/main/c/catena_blocks.h} are checked against it.
 *
 * @param elements values per block (1 for plain types)
 * @param bytes    bytes per block
 * @param parts    the parts, one after the other from offset 0, without gaps
 */
public record BlockLayout(int elements, int bytes, List<Part> parts) {

    /** A named field of a block: {@code size} bytes from {@code offset}. */
    public record Part(String name, int offset, int size) {
    }

    public BlockLayout {
        parts = List.copyOf(parts);
    }

    /**
     * A layout from its parts as {@code "name:size name:size ..."}, laid out one after the other, as in a C
     * struct without padding.
     */
    static BlockLayout of(int elements, String spec) {
        List<Part> parts = new ArrayList<>();
        int offset = 0;
        for (String p : spec.trim().split("\\s+")) {
            int colon = p.indexOf(':');
            int size = Integer.parseInt(p.substring(colon + 1));
            parts.add(new Part(p.substring(0, colon), offset, size));
            offset += size;
        }
        return new BlockLayout(elements, offset, parts);
    }

    /** The part called {@code name}. */
    public Part part(String name) {
        for (Part p : parts) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("no part '" + name + "' in block layout " + this);
    }

    /** The byte offset of the part called {@code name} in a block. */
    public int offset(String name) {
        return part(name).offset();
    }
}
