package dev.catena.llm.model;

import dev.catena.llm.tokenizer.TokenDecoder;
import dev.catena.llm.tokenizer.Tokenizer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** A test tokenizer over the byte tokens 0..255 of the test models' vocabulary; 256 is BOS, 257 EOS. */
final class ByteTokenizer implements Tokenizer {

    @Override
    public int[] encode(String text, boolean addBos, boolean parseSpecial) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        int[] out = new int[b.length + (addBos ? 1 : 0)];
        int i = 0;
        if (addBos) {
            out[i++] = 256;
        }
        for (byte x : b) {
            out[i++] = x & 0xff;
        }
        return out;
    }

    @Override
    public String decode(int[] tokens) {
        TokenDecoder d = newDecoder();
        StringBuilder sb = new StringBuilder();
        for (int t : tokens) {
            sb.append(d.append(t));
        }
        return sb.append(d.flush()).toString();
    }

    @Override
    public TokenDecoder newDecoder() {
        return new TokenDecoder() {
            private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

            @Override
            public String append(int token) {
                if (token >= 256) {
                    return "";
                }
                pending.write(token);
                byte[] b = pending.toByteArray();
                int complete = completePrefix(b);
                String s = new String(b, 0, complete, StandardCharsets.UTF_8);
                pending.reset();
                pending.write(b, complete, b.length - complete);
                return s;
            }

            @Override
            public String flush() {
                String s = pending.toString(StandardCharsets.UTF_8);
                pending.reset();
                return s;
            }
        };
    }

    private static int completePrefix(byte[] b) {
        int i = b.length - 1;
        int back = 0;
        while (i >= 0 && back < 4 && (b[i] & 0xc0) == 0x80) {
            i--;
            back++;
        }
        if (i < 0) {
            return b.length;
        }
        int lead = b[i] & 0xff;
        int need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
        return b.length - i >= need ? b.length : i;
    }

    @Override
    public int vocabularySize() {
        return 288;
    }

    @Override
    public int bosToken() {
        return 256;
    }

    @Override
    public int eosToken() {
        return 257;
    }

    @Override
    public boolean addBos() {
        return true;
    }

    @Override
    public boolean isEndOfGeneration(int token) {
        return token == 257;
    }

    @Override
    public byte[] textBytes(int token) {
        return token < 256 ? new byte[] {(byte) token} : null;
    }

    @Override
    public String tokenText(int token) {
        return token == 256 ? "<|bos|>" : token == 257 ? "<|eos|>" : String.valueOf((char) token);
    }
}
