package dev.catena.llm.constraint.mask;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * A vocabulary's token byte strings as a trie laid out in preorder: node {@code i} has a byte label, a depth and
 * the end of its subtree, so a walk that finds a prefix impossible skips the whole subtree with one jump. Built
 * once per vocabulary; immutable.
 */
public final class TokenTrie {

    private final byte[] label;
    private final int[] depth;
    private final int[] subtreeEnd;
    private final int[] tokenOffset; // tokens ending at node i: tokens[tokenOffset[i] .. tokenOffset[i + 1])
    private final int[] tokens;
    private final int maxDepth;

    /** @param bytes each token's bytes, or {@code null} (or empty) for a token that is never text */
    public TokenTrie(byte[][] bytes) {
        int[] order = IntStream.range(0, bytes.length).filter(t -> bytes[t] != null && bytes[t].length > 0).toArray();
        sort(order, 0, order.length, 0, bytes);
        int capacity = 0;
        for (int t : order) {
            capacity += bytes[t].length;
        }
        byte[] lab = new byte[capacity];
        int[] dep = new int[capacity];
        int[] end = new int[capacity];
        int[] nodeOf = new int[order.length];
        int[] path = new int[64];
        byte[] previous = new byte[0];
        int pathLength = 0;
        int nodes = 0;
        int deepest = 0;
        for (int k = 0; k < order.length; k++) {
            byte[] b = bytes[order[k]];
            int common = 0;
            while (common < Math.min(pathLength, b.length) && previous[common] == b[common]) {
                common++;
            }
            while (pathLength > common) {
                end[path[--pathLength]] = nodes;
            }
            for (int i = common; i < b.length; i++) {
                if (pathLength == path.length) {
                    path = Arrays.copyOf(path, pathLength * 2);
                }
                lab[nodes] = b[i];
                dep[nodes] = i + 1;
                path[pathLength++] = nodes++;
            }
            deepest = Math.max(deepest, b.length);
            nodeOf[k] = path[b.length - 1];
            previous = b;
        }
        while (pathLength > 0) {
            end[path[--pathLength]] = nodes;
        }
        this.label = Arrays.copyOf(lab, nodes);
        this.depth = Arrays.copyOf(dep, nodes);
        this.subtreeEnd = Arrays.copyOf(end, nodes);
        this.maxDepth = deepest;
        this.tokenOffset = new int[nodes + 1];
        this.tokens = new int[order.length];
        for (int k = 0; k < order.length; k++) { // nodeOf is non-decreasing because tokens are sorted
            tokenOffset[nodeOf[k] + 1]++;
            tokens[k] = order[k];
        }
        for (int i = 0; i < nodes; i++) {
            tokenOffset[i + 1] += tokenOffset[i];
        }
    }

    /**
     * Sorts token ids by their bytes (unsigned, a prefix first) with a multikey quicksort (Bentley and Sedgewick):
     * three-way partitions on the byte at depth {@code d}, without boxing or comparing the common prefix again.
     */
    private static void sort(int[] a, int lo, int hi, int d, byte[][] bytes) {
        while (hi - lo > 1) {
            if (hi - lo < 12) {
                for (int i = lo + 1; i < hi; i++) {
                    for (int j = i; j > lo && Arrays.compareUnsigned(bytes[a[j - 1]], d, bytes[a[j - 1]].length,
                            bytes[a[j]], d, bytes[a[j]].length) > 0; j--) {
                        int t = a[j];
                        a[j] = a[j - 1];
                        a[j - 1] = t;
                    }
                }
                return;
            }
            int pivot = byteAt(bytes[a[lo + (hi - lo) / 2]], d);
            int lt = lo;
            int gt = hi - 1;
            int i = lo;
            while (i <= gt) {
                int c = byteAt(bytes[a[i]], d);
                int t = a[i];
                if (c < pivot) {
                    a[i++] = a[lt];
                    a[lt++] = t;
                } else if (c > pivot) {
                    a[i] = a[gt];
                    a[gt--] = t;
                } else {
                    i++;
                }
            }
            sort(a, lo, lt, d, bytes);
            sort(a, gt + 1, hi, d, bytes);
            if (pivot < 0) {
                return; // the middle part's strings all ended: equal
            }
            lo = lt;
            hi = gt + 1;
            d++;
        }
    }

    private static int byteAt(byte[] b, int d) {
        return d < b.length ? b[d] & 0xFF : -1;
    }

    public int nodeCount() {
        return label.length;
    }

    /**
     * Sets in {@code mask} the bit of every token whose bytes the automaton can read from {@code state}; returns
     * how many tokens it set.
     */
    public int allowed(ByteAutomaton automaton, int state, long[] mask) {
        int[] stateAt = new int[maxDepth + 1];
        stateAt[0] = state;
        int count = 0;
        int n = label.length;
        int i = 0;
        while (i < n) {
            int d = depth[i];
            int s = automaton.next(stateAt[d - 1], label[i] & 0xFF);
            if (s < 0) {
                i = subtreeEnd[i];
                continue;
            }
            stateAt[d] = s;
            for (int k = tokenOffset[i]; k < tokenOffset[i + 1]; k++) {
                int t = tokens[k];
                mask[t >>> 6] |= 1L << t;
                count++;
            }
            i++;
        }
        return count;
    }
}
