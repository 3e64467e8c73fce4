package dev.catena.llm.tokenizer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Everything a tokenizer needs, as a GGUF file declares it under {@code tokenizer.ggml.*}: the
 * tokenizer model, its tokens with scores and types, BPE merges and special token ids.
 *
 * @param model          {@code tokenizer.ggml.model}: {@code llama} (SentencePiece-style) or {@code gpt2} (byte-level BPE)
 * @param preTokenizer   {@code tokenizer.ggml.pre} (e.g. {@code llama-bpe}, {@code qwen2}, {@code default})
 * @param tokens         the vocabulary, indexed by token id
 * @param scores         SentencePiece merge scores (empty when the model has none)
 * @param types          one type per token
 * @param merges         BPE merges as {@code "left right"}, by priority (empty for SentencePiece)
 * @param bos            beginning-of-sequence id or -1
 * @param eos            end-of-sequence id or -1
 * @param eot            end-of-turn id or -1
 * @param eom            end-of-message id ({@code tokenizer.ggml.eom_token_id}, Llama 3.1 tool calls) or -1
 * @param unknown        unknown-token id or -1
 * @param padding        padding id or -1
 * @param addBos         whether prompts start with BOS
 * @param addSpacePrefix whether SentencePiece text gets a leading space ({@code tokenizer.ggml.add_space_prefix})
 */
public record Vocabulary(
        String model,
        String preTokenizer,
        List<String> tokens,
        float[] scores,
        List<TokenType> types,
        List<String> merges,
        int bos,
        int eos,
        int eot,
        int eom,
        int unknown,
        int padding,
        boolean addBos,
        boolean addSpacePrefix) {

    /** Validates sizes and ids and copies the lists. */
    public Vocabulary {
        Objects.requireNonNull(model, "model");
        preTokenizer = preTokenizer == null ? "default" : preTokenizer;
        tokens = List.copyOf(tokens);
        scores = scores == null ? new float[0] : scores.clone();
        types = List.copyOf(types);
        merges = merges == null ? List.of() : List.copyOf(merges);
        if (tokens.isEmpty()) {
            throw new IllegalArgumentException("tokenizer.ggml.tokens is empty");
        }
        if (scores.length != 0 && scores.length != tokens.size()) {
            throw new IllegalArgumentException("tokenizer.ggml.scores has " + scores.length
                    + " entries but tokenizer.ggml.tokens has " + tokens.size());
        }
        if (types.size() != tokens.size()) {
            throw new IllegalArgumentException("tokenizer.ggml.token_type has " + types.size()
                    + " entries but tokenizer.ggml.tokens has " + tokens.size());
        }
        checkId("tokenizer.ggml.bos_token_id", bos, tokens.size());
        checkId("tokenizer.ggml.eos_token_id", eos, tokens.size());
        checkId("tokenizer.ggml.eot_token_id", eot, tokens.size());
        checkId("tokenizer.ggml.eom_token_id", eom, tokens.size());
        checkId("tokenizer.ggml.unknown_token_id", unknown, tokens.size());
        checkId("tokenizer.ggml.padding_token_id", padding, tokens.size());
    }

    private static void checkId(String key, int id, int size) {
        if (id < -1 || id >= size) {
            throw new IllegalArgumentException(key + " = " + id + " is outside the vocabulary of " + size + " tokens");
        }
    }

    /** The type of a token. */
    public TokenType type(int token) {
        return types.get(token);
    }

    /** Score of a token (0 when the vocabulary has no scores). */
    public float score(int token) {
        return scores.length == 0 ? 0f : scores[token];
    }

    /** Number of tokens. */
    public int size() {
        return tokens.size();
    }

    /**
     * Reads the vocabulary from GGUF metadata.
     *
     * @throws IllegalArgumentException when a required key is missing or inconsistent
     */
    public static Vocabulary fromGguf(dev.catena.llm.gguf.GgufMetadata metadata) {
        return GgufVocabularyReader.read(metadata);
    }

    /** Maps GGUF token type codes to {@link TokenType}s. */
    static List<TokenType> typesFromCodes(int[] codes) {
        List<TokenType> result = new ArrayList<>(codes.length);
        for (int i = 0; i < codes.length; i++) {
            try {
                result.add(TokenType.fromCode(codes[i]));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("tokenizer.ggml.token_type[" + i + "]: " + e.getMessage(), e);
            }
        }
        return result;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Vocabulary v && model.equals(v.model) && preTokenizer.equals(v.preTokenizer)
                && tokens.equals(v.tokens) && Arrays.equals(scores, v.scores) && types.equals(v.types)
                && merges.equals(v.merges) && bos == v.bos && eos == v.eos && eot == v.eot && eom == v.eom
                && unknown == v.unknown && padding == v.padding && addBos == v.addBos
                && addSpacePrefix == v.addSpacePrefix;
    }

    @Override
    public int hashCode() {
        return Objects.hash(model, preTokenizer, tokens, Arrays.hashCode(scores), types, merges, bos, eos);
    }

    @Override
    public String toString() {
        return "Vocabulary[model=" + model + ", pre=" + preTokenizer + ", size=" + tokens.size() + "]";
    }
}
