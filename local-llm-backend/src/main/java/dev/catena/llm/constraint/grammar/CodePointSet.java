package dev.catena.llm.constraint.grammar;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Building {@link Expr.CharSet}s: ranges of code points are sorted and merged, surrogates removed, and a set can be
 * complemented against all Unicode scalar values.
 */
public final class CodePointSet {

    private final List<int[]> ranges = new ArrayList<>();

    public CodePointSet add(int from, int to) {
        if (from > to || from < 0 || to > Character.MAX_CODE_POINT) {
            throw new IllegalArgumentException("character range " + from + ".." + to + " is not valid");
        }
        ranges.add(new int[] {from, to});
        return this;
    }

    public CodePointSet add(int codePoint) {
        return add(codePoint, codePoint);
    }

    public CodePointSet addAll(int[] flat) {
        for (int i = 0; i < flat.length; i += 2) {
            add(flat[i], flat[i + 1]);
        }
        return this;
    }

    /** The sorted, merged ranges without surrogates, flat as {@code [from0, to0, ...]}. */
    public int[] toRanges() {
        List<int[]> sorted = new ArrayList<>(ranges);
        sorted.sort((a, b) -> Integer.compare(a[0], b[0]));
        List<int[]> merged = new ArrayList<>();
        for (int[] r : sorted) {
            int[] last = merged.isEmpty() ? null : merged.getLast();
            if (last != null && r[0] <= last[1] + 1) {
                last[1] = Math.max(last[1], r[1]);
            } else {
                merged.add(new int[] {r[0], r[1]});
            }
        }
        List<Integer> out = new ArrayList<>();
        for (int[] r : merged) { // cut out the surrogates, which are not scalar values
            if (r[1] < 0xD800 || r[0] > 0xDFFF) {
                out.add(r[0]);
                out.add(r[1]);
            } else {
                if (r[0] < 0xD800) {
                    out.add(r[0]);
                    out.add(0xD7FF);
                }
                if (r[1] > 0xDFFF) {
                    out.add(0xE000);
                    out.add(r[1]);
                }
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The set of one character class. */
    public Expr.CharSet toExpr() {
        return new Expr.CharSet(toRanges());
    }

    /** Every scalar value not in this set. */
    public Expr.CharSet complement() {
        int[] r = toRanges();
        List<Integer> out = new ArrayList<>();
        int next = 0;
        for (int i = 0; i < r.length; i += 2) {
            if (r[i] > next) {
                out.add(next);
                out.add(r[i] - 1);
            }
            next = r[i + 1] + 1;
        }
        if (next <= Character.MAX_CODE_POINT) {
            out.add(next);
            out.add(Character.MAX_CODE_POINT);
        }
        return new CodePointSet().addAll(out.stream().mapToInt(Integer::intValue).toArray()).toExpr();
    }

    /** The ranges of {@code set} without those of {@code remove}. */
    public static Expr.CharSet minus(Expr.CharSet set, Expr.CharSet remove) {
        int[] notRemoved = new CodePointSet().addAll(remove.ranges()).complement().ranges();
        int[] a = set.ranges();
        CodePointSet out = new CodePointSet();
        for (int i = 0; i < a.length; i += 2) {
            for (int j = 0; j < notRemoved.length; j += 2) {
                int from = Math.max(a[i], notRemoved[j]);
                int to = Math.min(a[i + 1], notRemoved[j + 1]);
                if (from <= to) {
                    out.add(from, to);
                }
            }
        }
        return out.toExpr();
    }

    /** Whether the set holds the code point. */
    public static boolean contains(Expr.CharSet set, int codePoint) {
        int[] r = set.ranges();
        for (int i = 0; i < r.length; i += 2) {
            if (codePoint >= r[i] && codePoint <= r[i + 1]) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return Arrays.toString(toRanges());
    }
}
