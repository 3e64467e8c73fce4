package dev.catena.llm.constraint.grammar;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * A grammar expression over Unicode text, before it is lowered to bytes: the common form that GBNF, regular
 * expressions and JSON Schema are translated to.
 */
public sealed interface Expr {

    /** Exactly this text (matched as its UTF-8 bytes). */
    record Literal(String text) implements Expr {
        public byte[] bytes() {
            return text.getBytes(StandardCharsets.UTF_8);
        }
    }

    /**
     * One code point from a set of inclusive ranges {@code [from0, to0, from1, to1, ...]}, sorted, disjoint and
     * without surrogates (see {@link CodePointSet}).
     */
    record CharSet(int[] ranges) implements Expr {
        public CharSet {
            ranges = ranges.clone();
        }

        @Override
        public int[] ranges() {
            return ranges.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof CharSet c && Arrays.equals(ranges, c.ranges);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(ranges);
        }

        @Override
        public String toString() {
            return "CharSet" + Arrays.toString(ranges);
        }
    }

    /** One byte from a 256-bit set; for byte-level terminals such as a UTF-8 continuation byte. */
    record ByteRange(int from, int to) implements Expr {
        public ByteRange {
            if (from < 0 || to > 255 || from > to) {
                throw new IllegalArgumentException("byte range " + from + ".." + to + " is not within 0..255");
            }
        }
    }

    /** The parts one after another; empty matches the empty string. */
    record Seq(List<Expr> parts) implements Expr {
        public Seq {
            parts = List.copyOf(parts);
        }
    }

    /** One of the choices. */
    record Alt(List<Expr> choices) implements Expr {
        public Alt {
            if (choices.isEmpty()) {
                throw new IllegalArgumentException("an alternative needs at least one choice");
            }
            choices = List.copyOf(choices);
        }
    }

    /** {@code body} between {@code min} and {@code max} times; {@code max = -1} is unbounded. */
    record Repeat(Expr body, int min, int max) implements Expr {
        public Repeat {
            if (min < 0 || (max != -1 && max < min)) {
                throw new IllegalArgumentException("repetition {" + min + "," + max + "} is not a valid range");
            }
        }
    }

    /** The rule of that name. */
    record Ref(String rule) implements Expr {
    }

    static Expr seq(Expr... parts) {
        return parts.length == 1 ? parts[0] : new Seq(List.of(parts));
    }

    static Expr alt(Expr... choices) {
        return choices.length == 1 ? choices[0] : new Alt(List.of(choices));
    }

    static Expr literal(String text) {
        return new Literal(text);
    }

    static Expr optional(Expr body) {
        return new Repeat(body, 0, 1);
    }

    static Expr ref(String rule) {
        return new Ref(rule);
    }

    /** The empty string. */
    static Expr empty() {
        return new Seq(List.of());
    }
}
