package dev.catena.llm.tensor;

import java.lang.foreign.MemorySegment;

/** The packed 6-bit scales and minimums shared by Q4_K and Q5_K (12 bytes for 8 sub-blocks). */
final class KQuants {

    private KQuants() {
    }

    /** The scale of sub-block {@code s} (0..7) from the 12 bytes at {@code o}. */
    static int scale(MemorySegment data, long o, int s) {
        if (s < 4) {
            return Bytes.u8(data, o + s) & 0x3F;
        }
        return (Bytes.u8(data, o + 4 + s) & 0x0F) | ((Bytes.u8(data, o + s - 4) >>> 2) & 0x30);
    }

    /** The minimum of sub-block {@code s} (0..7) from the 12 bytes at {@code o}. */
    static int min(MemorySegment data, long o, int s) {
        if (s < 4) {
            return Bytes.u8(data, o + 4 + s) & 0x3F;
        }
        return (Bytes.u8(data, o + 4 + s) >>> 4) | ((Bytes.u8(data, o + s) >>> 2) & 0x30);
    }
}
