package dev.catena.llm.gguf;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Bounds-checked little-endian reading from a mapped file. Every read names the field it reads, so a
 * truncated or inconsistent file fails with a {@link GgufFormatException} saying what and where.
 */
final class GgufCursor {

    private static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfDouble DOUBLE = ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final MemorySegment data;
    private final String file;
    private long position;

    GgufCursor(MemorySegment data, String file) {
        this.data = data;
        this.file = file;
    }

    long position() {
        return position;
    }

    long remaining() {
        return data.byteSize() - position;
    }

    String file() {
        return file;
    }

    GgufFormatException error(String field, String problem) {
        return new GgufFormatException(file + ": " + field + " at offset " + position + ": " + problem);
    }

    private long take(long n, String field) {
        if (n > remaining()) {
            throw error(field, "truncated file (needs " + n + " bytes, " + remaining() + " left of "
                    + data.byteSize() + ")");
        }
        long at = position;
        position += n;
        return at;
    }

    byte i8(String field) {
        return data.get(ValueLayout.JAVA_BYTE, take(1, field));
    }

    short i16(String field) {
        return data.get(SHORT, take(2, field));
    }

    int i32(String field) {
        return data.get(INT, take(4, field));
    }

    long i64(String field) {
        return data.get(LONG, take(8, field));
    }

    float f32(String field) {
        return data.get(FLOAT, take(4, field));
    }

    double f64(String field) {
        return data.get(DOUBLE, take(8, field));
    }

    /** An unsigned 64-bit count that must fit in a non-negative long. */
    long count(String field) {
        long v = i64(field);
        if (v < 0) {
            position -= 8;
            throw error(field, "absurd value " + Long.toUnsignedString(v));
        }
        return v;
    }

    /**
     * Checks that {@code count} items of at least {@code minBytes} each can still fit in the file, so that
     * no allocation is ever larger than the file implies.
     */
    void requireRoom(long count, long minBytes, String field) {
        if (count > remaining() / Math.max(1, minBytes)) {
            throw error(field, "count " + count + " needs at least " + minBytes + " bytes each, only "
                    + remaining() + " bytes left in the file");
        }
    }

    String string(String field) {
        long at = position;
        long length = count(field + " length");
        if (length > remaining()) {
            position = at;
            throw error(field, "string length " + length + " past the end of the file (" + (remaining() - 8)
                    + " bytes left)");
        }
        if (length > Integer.MAX_VALUE - 8) {
            throw error(field, "string length " + length + " too large");
        }
        long start = take(length, field);
        byte[] bytes = data.asSlice(start, length).toArray(ValueLayout.JAVA_BYTE);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    void seek(long position) {
        this.position = position;
    }
}
