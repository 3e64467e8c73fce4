package dev.catena.llm.tokenizer;

import dev.catena.llm.gguf.UnsupportedModelException;

/** Chooses the tokenizer implementation for a vocabulary. INTERIM: implementations are being written. */
final class Tokenizers {

    private Tokenizers() {
    }

    static Tokenizer fromVocabulary(Vocabulary vocabulary) {
        throw new UnsupportedModelException("tokenizer model '" + vocabulary.model() + "' is not implemented yet");
    }
}
