package dev.catena.llm.tensor;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/** Little-endian element access to memory segments, as GGUF stores them. */
final class Bytes {

    static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private Bytes() {
    }

    static byte i8(MemorySegment s, long offset) {
        return s.get(ValueLayout.JAVA_BYTE, offset);
    }

    static int u8(MemorySegment s, long offset) {
        return s.get(ValueLayout.JAVA_BYTE, offset) & 0xFF;
    }

    static int u16(MemorySegment s, long offset) {
        return s.get(SHORT, offset) & 0xFFFF;
    }

    static float f16(MemorySegment s, long offset) {
        return Float.float16ToFloat(s.get(SHORT, offset));
    }

    static float bf16(MemorySegment s, long offset) {
        return Float.intBitsToFloat(s.get(SHORT, offset) << 16);
    }

    static float f32(MemorySegment s, long offset) {
        return s.get(FLOAT, offset);
    }

    static int i32(MemorySegment s, long offset) {
        return s.get(INT, offset);
    }
}
