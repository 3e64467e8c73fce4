package dev.catena.core.model;

import dev.langchain4j.model.chat.ChatModel;

/**
 * A chat model that can restrict its decoding to a format (a local model masking tokens by a grammar), so that
 * chains, parsers and agents get well-formed output instead of only asking for it. Remote models do not implement
 * this; callers keep their instructions and parsing for them.
 */
public interface ConstrainedGeneration {

    /**
     * A view of this model whose every reply follows {@code constraint} (instead of any response format or tool
     * call format of the request).
     *
     * @throws IllegalArgumentException when the constraint cannot be compiled (a grammar syntax error, an
     *                                  unsupported JSON Schema keyword), naming what is wrong
     */
    ChatModel constrainedTo(OutputConstraint constraint);
}
