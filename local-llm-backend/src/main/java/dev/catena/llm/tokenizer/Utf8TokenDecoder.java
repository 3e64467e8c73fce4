package dev.catena.llm.tokenizer;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The streaming decoder of an {@link AbstractTokenizer}: collects each token's bytes and returns the text
 * up to the last complete UTF-8 character, holding back a character whose bytes are still arriving.
 * Malformed bytes become U+FFFD, the same way whatever the token boundaries, so the concatenated output
 * equals {@link AbstractTokenizer#decode}.
 */
final class Utf8TokenDecoder implements TokenDecoder {

    private final AbstractTokenizer tokenizer;
    private byte[] pending = new byte[16];
    private int length;
    private boolean stripSpace;

    Utf8TokenDecoder(AbstractTokenizer tokenizer) {
        this.tokenizer = tokenizer;
        this.stripSpace = tokenizer.stripsSpacePrefix();
    }

    @Override
    public String append(int token) {
        tokenizer.checkToken(token);
        boolean special = tokenizer.index.isSpecial(token);
        if (tokenizer.isSilent(token)) {
            stripSpace = tokenizer.stripsSpacePrefix();
            return "";
        }
        byte[] piece = tokenizer.piece(token);
        int from = 0;
        if (special) {
            stripSpace = tokenizer.stripsSpacePrefix();
        } else if (piece.length > 0) {
            if (stripSpace && piece[0] == ' ') {
                from = 1;
            }
            stripSpace = false;
        }
        write(piece, from);
        int complete = completePrefix();
        String out = new String(pending, 0, complete, StandardCharsets.UTF_8);
        System.arraycopy(pending, complete, pending, 0, length - complete);
        length -= complete;
        return out;
    }

    @Override
    public String flush() {
        String out = new String(pending, 0, length, StandardCharsets.UTF_8);
        length = 0;
        stripSpace = tokenizer.stripsSpacePrefix();
        return out;
    }

    private void write(byte[] piece, int from) {
        int n = piece.length - from;
        if (length + n > pending.length) {
            pending = Arrays.copyOf(pending, Math.max(pending.length * 2, length + n));
        }
        System.arraycopy(piece, from, pending, length, n);
        length += n;
    }

    /** The number of leading bytes that cannot become part of a character still arriving. */
    private int completePrefix() {
        int i = length - 1;
        int back = 0;
        while (i >= 0 && back < 3 && (pending[i] & 0xC0) == 0x80) {
            i--;
            back++;
        }
        if (i < 0) {
            return length;
        }
        int lead = pending[i] & 0xFF;
        int need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
        return length - i < need ? i : length;
    }
}
