package dev.catena.llm.constraint.mask;

import java.util.Arrays;
import java.util.Comparator;
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
        Integer[] order = IntStream.range(0, bytes.length)
                .filter(t -> bytes[t] != null && bytes[t].length > 0).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparing((Integer t) -> bytes[t], Arrays::compareUnsigned)
                .thenComparing(t -> t));
        int capacity = 0;
        for (Integer t : order) {
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
