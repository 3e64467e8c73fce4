package dev.catena.llm.tokenizer;

import dev.catena.llm.UnsupportedModelException;

/**
 * Chooses the tokenizer implementation for a vocabulary: {@code llama} → {@link SentencePieceTokenizer}
 * (Llama 2, Mistral, Gemma), {@code gpt2} → {@link BytePairTokenizer} with the pre-tokenizer of
 * {@code tokenizer.ggml.pre} (see {@link PreTokenizers}).
 */
final class Tokenizers {

    private Tokenizers() {
    }

    /**
     * @throws UnsupportedModelException for another {@code tokenizer.ggml.model} or an unknown pre-tokenizer
     * @throws IllegalArgumentException  when the vocabulary is malformed (a merge without a space)
     */
    static Tokenizer fromVocabulary(Vocabulary vocabulary) {
        return switch (vocabulary.model()) {
            case "llama" -> new SentencePieceTokenizer(vocabulary);
            case "gpt2" -> new BytePairTokenizer(vocabulary);
            default -> throw new UnsupportedModelException("tokenizer.ggml.model = '" + vocabulary.model()
                    + "' is not supported (supported: llama, gpt2)");
        };
    }
}
