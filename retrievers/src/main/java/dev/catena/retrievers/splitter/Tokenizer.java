package dev.catena.retrievers.splitter;

import java.util.List;

/** Cuts text into model tokens, each with its char offsets in the text. */
public interface Tokenizer {

    /** One token: its text and its {@code [start, end)} char offsets; {@code continuesWord} for sub-word pieces. */
    record Token(String text, int start, int end, boolean continuesWord) {
    }

    /** The tokens of {@code text}, in order, without special tokens such as {@code [CLS]}. */
    List<Token> tokenize(String text);

    /** The number of tokens in {@code text}. */
    default int count(String text) {
        return tokenize(text).size();
    }
}
