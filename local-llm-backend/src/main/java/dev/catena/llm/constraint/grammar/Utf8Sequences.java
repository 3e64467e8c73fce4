package dev.catena.llm.constraint.grammar;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a range of code points into sequences of byte ranges whose concatenations are exactly the UTF-8
 * encodings of the range: each sequence has one byte range per encoded byte (the technique of RE2 and
 * regex-automata, used here so that the grammar runs on bytes).
 */
final class Utf8Sequences {

    private static final int[] MAX_BY_LENGTH = {0x7F, 0x7FF, 0xFFFF, 0x10FFFF};

    private Utf8Sequences() {
    }

    /** Each element is {@code [lo0, hi0, lo1, hi1, ...]}: one byte range per byte of the encoding. */
    static List<int[]> of(int from, int to) {
        List<int[]> out = new ArrayList<>();
        split(from, to, out);
        return out;
    }

    private static void split(int from, int to, List<int[]> out) {
        if (from > to) {
            return;
        }
        for (int n = 0; n < 3; n++) { // cut the range where the encoded length changes
            int max = MAX_BY_LENGTH[n];
            if (from <= max && to > max) {
                split(from, max, out);
                split(max + 1, to, out);
                return;
            }
        }
        if (to <= 0x7F) {
            out.add(new int[] {from, to});
            return;
        }
        int length = to <= 0x7FF ? 2 : to <= 0xFFFF ? 3 : 4;
        for (int i = 1; i < length; i++) { // cut where the trailing i continuation bytes do not span 0x80..0xBF
            int mask = (1 << (6 * i)) - 1;
            if ((from & ~mask) != (to & ~mask)) {
                if ((from & mask) != 0) {
                    split(from, from | mask, out);
                    split((from | mask) + 1, to, out);
                    return;
                }
                if ((to & mask) != mask) {
                    split(from, (to & ~mask) - 1, out);
                    split(to & ~mask, to, out);
                    return;
                }
            }
        }
        byte[] a = encode(from, length);
        byte[] b = encode(to, length);
        int[] seq = new int[2 * length];
        for (int i = 0; i < length; i++) {
            seq[2 * i] = a[i] & 0xFF;
            seq[2 * i + 1] = b[i] & 0xFF;
        }
        out.add(seq);
    }

    private static byte[] encode(int cp, int length) {
        return switch (length) {
            case 2 -> new byte[] {(byte) (0xC0 | cp >> 6), (byte) (0x80 | cp & 0x3F)};
            case 3 -> new byte[] {(byte) (0xE0 | cp >> 12), (byte) (0x80 | cp >> 6 & 0x3F), (byte) (0x80 | cp & 0x3F)};
            default -> new byte[] {(byte) (0xF0 | cp >> 18), (byte) (0x80 | cp >> 12 & 0x3F),
                    (byte) (0x80 | cp >> 6 & 0x3F), (byte) (0x80 | cp & 0x3F)};
        };
    }
}
