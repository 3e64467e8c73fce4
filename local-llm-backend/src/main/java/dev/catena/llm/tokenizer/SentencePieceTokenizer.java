package dev.catena.llm.tokenizer;

import java.nio.charset.StandardCharsets;
import java.util.PriorityQueue;

/**
 * The SentencePiece-style tokenizer of {@code tokenizer.ggml.model = llama} vocabularies (Llama 2,
 * TinyLlama, Mistral, Gemma), as llama.cpp runs it: spaces become {@code ▁}; a stretch of text that starts
 * the input or follows a special token gets a leading space when {@code add_space_prefix} is set (Gemma:
 * not); then adjacent pieces are merged, highest-scoring vocabulary entry first (leftmost on ties), until
 * no adjacent pair forms a vocabulary entry; a character left that is no entry becomes its UTF-8 bytes
 * ({@code <0xNN>} tokens, else the unknown token, else nothing). Merging uses a priority queue: O(n log n)
 * in the length of the stretch.
 */
final class SentencePieceTokenizer extends AbstractTokenizer {

    static final char SPACE = '\u2581';

    /** The token of each byte value: {@code <0xNN>}, else the byte as a one-character token, else unknown, else -1. */
    private final int[] byteTokens = new int[256];

    SentencePieceTokenizer(Vocabulary vocabulary) {
        super(vocabulary);
        for (int b = 0; b < 256; b++) {
            int id = index.id(String.format("<0x%02X>", b));
            if (id < 0 && b < 0x80) {
                id = index.id(String.valueOf((char) b));
            }
            byteTokens[b] = id >= 0 ? id : vocabulary.unknown();
        }
    }

    @Override
    boolean stripsSpacePrefix() {
        return vocabulary.addSpacePrefix();
    }

    @Override
    void encodeText(String raw, boolean afterSpecial, IntList out) {
        String text = ((vocabulary.addSpacePrefix() && afterSpecial) ? " " + raw : raw).replace(' ', SPACE);
        int n = text.codePointCount(0, text.length());
        if (n == 0) {
            return;
        }
        int[] start = new int[n];
        int[] len = new int[n];
        int[] prev = new int[n];
        int[] next = new int[n];
        for (int i = 0, pos = 0; i < n; i++) {
            int cp = text.codePointAt(pos);
            start[i] = pos;
            len[i] = Character.charCount(cp);
            pos += len[i];
            prev[i] = i - 1;
            next[i] = i + 1 < n ? i + 1 : -1;
        }
        PriorityQueue<Bigram> queue = new PriorityQueue<>(Math.max(1, n));
        for (int i = 1; i < n; i++) {
            offer(queue, text, start, len, i - 1, i);
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
                offer(queue, text, start, len, prev[l], l);
            }
            if (next[l] >= 0) {
                offer(queue, text, start, len, l, next[l]);
            }
        }
        for (int i = 0; i != -1; i = next[i]) {
            String piece = text.substring(start[i], start[i] + len[i]);
            int id = index.id(piece);
            if (id >= 0) {
                out.add(id);
            } else {
                for (byte b : piece.getBytes(StandardCharsets.UTF_8)) {
                    int t = byteTokens[b & 0xFF];
                    if (t >= 0) {
                        out.add(t);
                    }
                }
            }
        }
    }

    private void offer(PriorityQueue<Bigram> queue, String text, int[] start, int[] len, int left, int right) {
        int size = len[left] + len[right];
        int id = index.id(text.substring(start[left], start[left] + size));
        if (id >= 0) {
            queue.add(new Bigram(left, right, vocabulary.score(id), size));
        }
    }

    @Override
    byte[] piece(int token) {
        String text = vocabulary.tokens().get(token);
        return switch (index.type(token)) {
            case CONTROL, UNKNOWN, USER_DEFINED -> text.getBytes(StandardCharsets.UTF_8);
            case NORMAL -> text.replace(SPACE, ' ').getBytes(StandardCharsets.UTF_8);
            case BYTE -> byteValue(text);
            case UNUSED -> new byte[0];
        };
    }

    /** The byte of a {@code <0xNN>} token (a malformed one decodes as its text). */
    private static byte[] byteValue(String text) {
        if (text.length() == 6 && text.startsWith("<0x") && text.endsWith(">")) {
            try {
                return new byte[] {(byte) Integer.parseInt(text.substring(3, 5), 16)};
            } catch (NumberFormatException e) {
                // fall through
            }
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** A candidate merge of two adjacent pieces: highest score first, then leftmost. */
    private record Bigram(int left, int right, float score, int size) implements Comparable<Bigram> {
        @Override
        public int compareTo(Bigram o) {
            if (score != o.score) {
                return score > o.score ? -1 : 1;
            }
            return Integer.compare(left, o.left);
        }
    }
}
