package dev.catena.llm.tokenizer;

import dev.catena.llm.gguf.GgufMetadata;

/**
 * Converts text to token ids and back, as the model's vocabulary defines it. Implementations are
 * immutable and thread-safe; {@link #newDecoder()} gives a per-generation streaming decoder.
 */
public interface Tokenizer {

    /**
     * Builds the tokenizer a GGUF file declares under {@code tokenizer.ggml.*}: {@code llama}
     * (SentencePiece-style, also used by Gemma) or {@code gpt2} (byte-level BPE with the
     * pre-tokenizer named by {@code tokenizer.ggml.pre}).
     *
     * @throws dev.catena.llm.UnsupportedModelException for another tokenizer model
     */
    static Tokenizer fromGguf(GgufMetadata metadata) {
        return Tokenizers.fromVocabulary(Vocabulary.fromGguf(metadata));
    }

    /**
     * Encodes text.
     *
     * @param addBos       prepend the BOS token (if the vocabulary has one)
     * @param parseSpecial recognise control tokens written in the text ({@code <start_of_turn>},
     *                     {@code <|im_end|>}...) as their ids; otherwise they are encoded as plain text
     */
    int[] encode(String text, boolean addBos, boolean parseSpecial);

    /** Encodes plain text without BOS and without recognising control tokens. */
    default int[] encode(String text) {
        return encode(text, false, false);
    }

    /** Decodes tokens to text; control tokens are rendered as their text, except BOS/EOS/padding. */
    String decode(int[] tokens);

    /** A fresh streaming decoder (UTF-8 correct across token boundaries). */
    TokenDecoder newDecoder();

    /** Number of tokens in the vocabulary. */
    int vocabularySize();

    /** The beginning-of-sequence token, or -1. */
    int bosToken();

    /** The end-of-sequence token, or -1. */
    int eosToken();

    /** Whether a prompt should start with BOS ({@code tokenizer.ggml.add_bos_token}). */
    boolean addBos();

    /** Whether generating this token ends the model's turn (EOS, EOT, {@code <end_of_turn>}, {@code <|im_end|>}...). */
    boolean isEndOfGeneration(int token);

    /**
     * The bytes a token adds to generated text, or {@code null} when it is not text (control, unknown and unused
     * tokens, BOS, EOS, padding). Constrained decoding matches these against a grammar.
     */
    byte[] textBytes(int token);

    /** The vocabulary entry of a token, as stored (e.g. {@code ▁the}, {@code <0x0A>}, {@code Ġthe}). */
    String tokenText(int token);
}
