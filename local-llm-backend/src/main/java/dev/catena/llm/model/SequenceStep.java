package dev.catena.llm.model;

import java.util.Objects;

/**
 * What one sequence contributes to a step of batched decoding ({@link Session#forward(java.util.List)}): the
 * tokens {@code tokens[from, to)} appended to its session (the token sampled last, or a chunk of its prompt), and
 * whether the logits after them are wanted (not for a prompt chunk that is not the last).
 */
public record SequenceStep(Session session, int[] tokens, int from, int to, boolean logits) {

    public SequenceStep {
        Objects.requireNonNull(session, "session");
        Objects.checkFromToIndex(from, to, tokens.length);
        if (from == to) {
            throw new IllegalArgumentException("a sequence step needs at least one token");
        }
    }

    /** One sampled token, its logits wanted. */
    public static SequenceStep token(Session session, int token) {
        return new SequenceStep(session, new int[] {token}, 0, 1, true);
    }
}
