package dev.catena.llm.tokenizer.fuzz;

import dev.catena.llm.gguf.GgufFile;
import dev.catena.llm.gguf.GgufMetadata;
import dev.catena.llm.gguf.GgufValueType;
import dev.catena.llm.tools.GgufWriter;
import dev.catena.llm.tokenizer.TokenDecoder;
import dev.catena.llm.tokenizer.Tokenizer;

import java.lang.foreign.MemorySegment;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Fuzz target: every tokenizer kind of the committed vocabularies (src/test/resources/tokenizer: byte-fallback
 * SentencePiece, byte-level BPE with the qwen2, llama-bpe, gpt-2, smollm and default pre-tokenizers, and
 * bpe-qwen2's vocabulary under the regex-defined pre-tokenizers) given arbitrary text and arbitrary token ids.
 * The first byte picks the vocabulary (low 7 bits) and the mode (high bit):
 * <ul>
 *   <li>text: the rest, as UTF-8, encoded with and without special-token parsing; the plain encoding must
 *       decode back to the text (lone surrogates as U+FFFD, SentencePiece's {@code ▁} as a space) and
 *       streaming must give what decode gives;</li>
 *   <li>ids: the rest read as big-endian ints, decoded whole and streamed; ids outside the vocabulary must
 *       be an {@link IllegalArgumentException} (the documented error), valid ones must decode alike both
 *       ways.</li>
 * </ul>
 * Work per input is bounded: at most 8 KiB of input is used, and encoding is O(n log n).
 */
public final class TokenizerFuzzer {

    private static final String[] NAMES = {"spm-bytefallback", "bpe-qwen2", "bpe-llama-bpe", "bpe-gpt-2",
            "bpe-smollm", "bpe-default"};
    /** More pre-tokenizers, on bpe-qwen2's vocabulary (the regex-defined ones llama.cpp runs as general regexes). */
    private static final String[] MORE_PRES = {"llama4", "tekken", "deepseek-v3", "deepseek-coder", "qwen35",
            "chameleon", "falcon", "bloom"};
    private static final Tokenizer[] TOKENIZERS = new Tokenizer[NAMES.length + MORE_PRES.length];
    private static final int MAX_INPUT = 8192;

    static {
        for (int i = 0; i < NAMES.length; i++) {
            try (GgufFile file = GgufFile.open(resource(NAMES[i] + ".gguf"))) {
                TOKENIZERS[i] = Tokenizer.fromGguf(file.metadata());
            }
        }
        try (GgufFile file = GgufFile.open(resource("bpe-qwen2.gguf"))) {
            GgufMetadata md = file.metadata();
            for (int i = 0; i < MORE_PRES.length; i++) {
                GgufWriter w = new GgufWriter();
                w.putString("general.architecture", "llama");
                w.putString("tokenizer.ggml.model", "gpt2");
                w.putString("tokenizer.ggml.pre", MORE_PRES[i]);
                w.putArray("tokenizer.ggml.tokens", GgufValueType.STRING, md.getStringArray("tokenizer.ggml.tokens"));
                w.putArray("tokenizer.ggml.token_type", GgufValueType.INT32,
                        Arrays.stream(md.getIntArray("tokenizer.ggml.token_type")).boxed().toList());
                w.putArray("tokenizer.ggml.merges", GgufValueType.STRING, md.getStringArray("tokenizer.ggml.merges"));
                w.putInt32("tokenizer.ggml.eos_token_id", md.getInt("tokenizer.ggml.eos_token_id"));
                try (GgufFile variant = GgufFile.read(MemorySegment.ofArray(w.toBytes()), MORE_PRES[i] + ".gguf")) {
                    TOKENIZERS[NAMES.length + i] = Tokenizer.fromGguf(variant.metadata());
                }
            }
        }
    }

    private TokenizerFuzzer() {
    }

    public static void fuzzerTestOneInput(byte[] data) {
        if (data.length == 0) {
            return;
        }
        int which = (data[0] & 0x7F) % TOKENIZERS.length;
        boolean ids = (data[0] & 0x80) != 0;
        Tokenizer t = TOKENIZERS[which];
        byte[] rest = Arrays.copyOfRange(data, 1, Math.min(data.length, MAX_INPUT));
        if (ids) {
            fuzzIds(t, rest);
        } else {
            fuzzText(t, which == 0, new String(rest, StandardCharsets.UTF_8));
        }
    }

    private static void fuzzText(Tokenizer t, boolean sentencePiece, String text) {
        int[] plain = t.encode(text, false, false);
        String expected = sanitize(text);
        if (sentencePiece) {
            expected = expected.replace('\u2581', ' ');
        }
        String decoded = t.decode(plain);
        if (!decoded.equals(expected)) {
            throw new AssertionError("decode(encode(text)) differs: " + escape(expected) + " -> " + escape(decoded));
        }
        checkStream(t, plain, decoded);
        int[] special = t.encode(text, true, true);
        checkStream(t, special, t.decode(special));
    }

    private static void fuzzIds(Tokenizer t, byte[] rest) {
        ByteBuffer buffer = ByteBuffer.wrap(rest);
        int[] ids = new int[rest.length / 4];
        boolean anyInvalid = false;
        for (int i = 0; i < ids.length; i++) {
            ids[i] = buffer.getInt();
            anyInvalid |= ids[i] < 0 || ids[i] >= t.vocabularySize();
        }
        try {
            String whole = t.decode(ids);
            if (anyInvalid) {
                throw new AssertionError("decode accepted an id outside the vocabulary: " + Arrays.toString(ids));
            }
            checkStream(t, ids, whole);
        } catch (IllegalArgumentException expected) {
            if (!anyInvalid) {
                throw new AssertionError("decode rejected valid ids " + Arrays.toString(ids), expected);
            }
        }
        int[] valid = Arrays.stream(ids).map(i -> Math.floorMod(i, t.vocabularySize())).toArray();
        checkStream(t, valid, t.decode(valid));
        for (int id : valid) {
            t.tokenText(id);
            t.isEndOfGeneration(id);
        }
    }

    private static void checkStream(Tokenizer t, int[] ids, String whole) {
        TokenDecoder decoder = t.newDecoder();
        StringBuilder sb = new StringBuilder();
        for (int id : ids) {
            sb.append(decoder.append(id));
        }
        sb.append(decoder.flush());
        if (!sb.toString().equals(whole)) {
            throw new AssertionError("streamed decoding differs from decode for " + Arrays.toString(ids));
        }
    }

    /** The text with unpaired surrogates as U+FFFD (what the tokenizers encode). */
    private static String sanitize(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                sb.append(c).append(s.charAt(++i));
            } else {
                sb.append(Character.isSurrogate(c) ? '\uFFFD' : c);
            }
        }
        return sb.toString();
    }

    private static String escape(String s) {
        StringBuilder sb = new StringBuilder();
        s.codePoints().forEach(cp -> sb.append(cp < 0x20 || cp > 0x7E ? String.format("\\u{%X}", cp) : Character.toString(cp)));
        return sb.toString();
    }

    private static Path resource(String name) {
        try {
            return Path.of(TokenizerFuzzer.class.getResource("/tokenizer/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
