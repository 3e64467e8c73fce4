package dev.catena.llm.tokenizer;

import dev.catena.llm.gguf.GgufFormatException;
import dev.catena.llm.gguf.GgufMetadata;

import java.util.Collections;
import java.util.List;
import java.util.OptionalInt;

/**
 * Reads a {@link Vocabulary} from the {@code tokenizer.ggml.*} keys of GGUF metadata, with llama.cpp's
 * defaults for keys a file leaves out: a {@code llama} (SentencePiece) vocabulary defaults to BOS 1, EOS 2,
 * unknown 0, {@code add_bos_token} true and {@code add_space_prefix} true; a {@code gpt2} one to no special
 * ids, {@code add_space_prefix} false and {@code add_bos_token} true only for the Llama 3 family of
 * pre-tokenizers. A key of the wrong type or an inconsistent vocabulary is a {@link GgufFormatException}
 * naming the key.
 */
final class GgufVocabularyReader {

    static final String PREFIX = "tokenizer.ggml.";

    private GgufVocabularyReader() {
    }

    static Vocabulary read(GgufMetadata md) {
        String model = md.getString(PREFIX + "model");
        List<String> tokens = md.getStringArray(PREFIX + "tokens");
        if (tokens.isEmpty()) {
            throw new GgufFormatException("metadata key '" + PREFIX + "tokens' is an empty array");
        }
        float[] scores = md.contains(PREFIX + "scores") ? md.getFloatArray(PREFIX + "scores") : null;
        List<TokenType> types;
        if (md.contains(PREFIX + "token_type")) {
            try {
                types = Vocabulary.typesFromCodes(md.getIntArray(PREFIX + "token_type"));
            } catch (IllegalArgumentException e) {
                throw new GgufFormatException("metadata key " + e.getMessage(), e);
            }
        } else {
            types = Collections.nCopies(tokens.size(), TokenType.NORMAL);
        }
        List<String> merges = md.contains(PREFIX + "merges") ? md.getStringArray(PREFIX + "merges") : null;
        if (model.equals("gpt2") && merges == null) {
            throw new GgufFormatException("metadata key '" + PREFIX + "merges': missing, but "
                    + PREFIX + "model = gpt2 (byte-level BPE) needs its merges");
        }
        String pre = md.findString(PREFIX + "pre").orElse("default");
        boolean spm = model.equals("llama");
        int n = tokens.size();
        try {
            return new Vocabulary(
                    model,
                    pre,
                    tokens,
                    scores,
                    types,
                    merges,
                    id(md, "bos_token_id", spm ? 1 : -1, n),
                    id(md, "eos_token_id", spm ? 2 : -1, n),
                    id(md, "eot_token_id", -1, n),
                    id(md, "eom_token_id", -1, n),
                    id(md, "unknown_token_id", spm ? 0 : -1, n),
                    id(md, "padding_token_id", -1, n),
                    md.findBoolean(PREFIX + "add_bos_token").orElse(spm || PreTokenizers.addsBosByDefault(pre)),
                    md.findBoolean(PREFIX + "add_space_prefix").orElse(spm));
        } catch (IllegalArgumentException e) {
            throw new GgufFormatException("metadata: " + e.getMessage(), e);
        }
    }

    /** A special token id; a default that falls outside the vocabulary is dropped, as llama.cpp does. */
    private static int id(GgufMetadata md, String key, int fallback, int size) {
        OptionalInt v = md.findInt(PREFIX + key);
        if (v.isPresent()) {
            return v.getAsInt();
        }
        return fallback < size ? fallback : -1;
    }
}
