package dev.catena.llm.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How a {@link KvCache} stores keys and values: 32-bit floats (exact), 16-bit floats (half the memory,
 * about three decimal digits), or Q8_0 (8-bit integers with one scale per block of 32 values, about a
 * quarter of the memory).
 */
public enum KvCacheType {
    F32(4.0),
    F16(2.0),
    /** Blocks of 32 signed bytes and a float scale; needs a head width that is a multiple of 32. */
    Q8_0(1.125);

    /** Values per Q8_0 block. */
    static final int Q8_BLOCK = 32;

    private final double bytesPerValue;

    KvCacheType(double bytesPerValue) {
        this.bytesPerValue = bytesPerValue;
    }

    /** Bytes of storage per key or value element. */
    public double bytesPerValue() {
        return bytesPerValue;
    }

    /**
     * The type named {@code name}, ignoring case ({@code f32}, {@code f16}, {@code q8_0}).
     *
     * @throws IllegalArgumentException naming the value and the accepted ones
     */
    public static KvCacheType parse(String name) {
        for (KvCacheType t : values()) {
            if (t.name().equalsIgnoreCase(name == null ? "" : name.strip())) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown KV cache type '" + name + "' (expected one of "
                + Arrays.stream(values()).map(t -> t.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")) + ")");
    }
}
