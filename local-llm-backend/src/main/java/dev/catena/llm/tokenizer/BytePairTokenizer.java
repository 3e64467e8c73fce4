package dev.catena.llm.tokenizer;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The GPT-2 style byte-level BPE tokenizer of {@code tokenizer.ggml.model = gpt2} vocabularies (Llama 3,
 * Qwen 2/3, SmolLM, GPT-2), as llama.cpp runs it: the {@link PreTokenizer} named by
 * {@code tokenizer.ggml.pre} splits the text into words; each word's UTF-8 bytes are written as GPT-2's
 * byte characters ({@link ByteLevel}) and merged pairwise, lowest merge rank first (leftmost on ties),
 * with a priority queue. For the Llama 3 family a word that is itself a token is taken whole.
 */
final class BytePairTokenizer extends AbstractTokenizer {

    private static final char SEPARATOR = '\u0000';

    private final PreTokenizer preTokenizer;
    private final boolean ignoreMerges;
    private final Map<String, Integer> ranks;

    /**
     * @throws IllegalArgumentException when a merge is not two pieces separated by a space
     * @throws dev.catena.llm.UnsupportedModelException for an unknown pre-tokenizer
     */
    BytePairTokenizer(Vocabulary vocabulary) {
        super(vocabulary);
        this.preTokenizer = PreTokenizers.forName(vocabulary.preTokenizer());
        this.ignoreMerges = PreTokenizers.ignoresMerges(vocabulary.preTokenizer());
        List<String> merges = vocabulary.merges();
        ranks = HashMap.newHashMap(merges.size());
        for (int i = 0; i < merges.size(); i++) {
            String merge = merges.get(i);
            int space = merge.indexOf(' ', 1);
            if (space < 0) {
                throw new IllegalArgumentException("tokenizer.ggml.merges[" + i + "] = '" + merge
                        + "' is not two pieces separated by a space");
            }
            ranks.putIfAbsent(merge.substring(0, space) + SEPARATOR + merge.substring(space + 1), i);
        }
    }

    @Override
    void encodeText(String text, boolean afterSpecial, IntList out) {
        int[] cps = text.codePoints().toArray();
        int start = 0;
        for (int length : preTokenizer.split(cps)) {
            String word = ByteLevel.encode(new String(cps, start, length));
            start += length;
            int whole = ignoreMerges ? index.id(word) : -1;
            if (whole >= 0) {
                out.add(whole);
            } else {
                mergeWord(word, out);
            }
        }
    }

    /** Merges one byte-level word (one char per byte) and appends its tokens. */
    private void mergeWord(String word, IntList out) {
        int n = word.length();
        int[] len = new int[n];
        int[] prev = new int[n];
        int[] next = new int[n];
        for (int i = 0; i < n; i++) {
            len[i] = 1;
            prev[i] = i - 1;
            next[i] = i + 1 < n ? i + 1 : -1;
        }
        PriorityQueue<Bigram> queue = new PriorityQueue<>(Math.max(1, n));
        for (int i = 1; i < n; i++) {
            offer(queue, word, len, i - 1, i);
        }
        while (!queue.isEmpty()) {
            Bigram b = queue.poll();
            int l = b.left;
            int r = b.right;
            if (len[l] == 0 || len[r] == 0 || len[l] + len[r] != b.size) {
                continue; // one side has been merged since
            }
            len[l] += len[r];
            len[r] = 0;
            next[l] = next[r];
            if (next[r] >= 0) {
                prev[next[r]] = l;
            }
            if (prev[l] >= 0) {
                offer(queue, word, len, prev[l], l);
            }
            if (next[l] >= 0) {
                offer(queue, word, len, l, next[l]);
            }
        }
        for (int i = 0; i != -1; i = next[i]) {
            String piece = word.substring(i, i + len[i]);
            int id = index.id(piece);
            if (id >= 0) {
                out.add(id);
            } else {
                // a merge result missing from the vocabulary: fall back to its byte characters
                for (int k = 0; k < piece.length(); k++) {
                    int t = index.id(String.valueOf(piece.charAt(k)));
                    if (t >= 0) {
                        out.add(t);
                    }
                }
            }
        }
    }

    private void offer(PriorityQueue<Bigram> queue, String word, int[] len, int left, int right) {
        Integer rank = ranks.get(word.substring(left, left + len[left]) + SEPARATOR
                + word.substring(right, right + len[right]));
        if (rank != null) {
            queue.add(new Bigram(left, right, rank, len[left] + len[right]));
        }
    }

    @Override
    byte[] piece(int token) {
        String text = vocabulary.tokens().get(token);
        return switch (index.type(token)) {
            case CONTROL, UNKNOWN, USER_DEFINED -> text.getBytes(StandardCharsets.UTF_8);
            case NORMAL -> ByteLevel.decode(text);
            case BYTE, UNUSED -> new byte[0];
        };
    }

    /** A candidate merge of two adjacent pieces: lowest rank first, then leftmost. */
    private record Bigram(int left, int right, int rank, int size) implements Comparable<Bigram> {
        @Override
        public int compareTo(Bigram o) {
            return rank != o.rank ? Integer.compare(rank, o.rank) : Integer.compare(left, o.left);
        }
    }
}
