package dev.catena.llm.constraint;

import dev.catena.llm.constraint.mask.ByteAutomaton;
import dev.catena.llm.constraint.mask.TokenMask;

import java.io.ByteArrayOutputStream;

/**
 * Where one generation stands in its grammar: gives the tokens allowed next and advances over each accepted token.
 * One per generation; not thread-safe.
 */
public final class ConstraintMatcher {

    private final TokenConstraint constraint;
    private int state;
    private boolean ended;
    private final ByteArrayOutputStream text = new ByteArrayOutputStream();

    ConstraintMatcher(TokenConstraint constraint, int start) {
        this.constraint = constraint;
        this.state = start;
    }

    /**
     * The tokens allowed next: those that keep the output inside the grammar, and end-of-generation tokens where the
     * output may end.
     *
     * @throws ConstraintException when no token can continue and the output cannot end here
     */
    public TokenMask allowed() {
        TokenMask mask = constraint.mask(state);
        if (mask.count() == 0) {
            throw new ConstraintException("no token of the vocabulary can continue the grammar after "
                    + TokenConstraint.quote(text.toString(java.nio.charset.StandardCharsets.ISO_8859_1)));
        }
        return mask;
    }

    /**
     * Advances over a generated token.
     *
     * @throws IllegalArgumentException when the grammar does not allow the token here
     */
    public void accept(int token) {
        if (constraint.vocabulary().isEnd(token)) {
            if (!constraint.accepting(state)) {
                throw new IllegalArgumentException("end token " + token + " is not allowed before the grammar is complete");
            }
            ended = true;
            return;
        }
        int next = constraint.advance(state, token);
        if (next == ByteAutomaton.DEAD) {
            throw new IllegalArgumentException("token " + token + " is not allowed by the grammar after "
                    + TokenConstraint.quote(text.toString(java.nio.charset.StandardCharsets.ISO_8859_1)));
        }
        byte[] b = constraint.vocabulary().bytesShared(token);
        text.write(b, 0, b.length);
        state = next;
    }

    /** Whether the output so far is a complete sentence of the grammar. */
    public boolean isComplete() {
        return constraint.accepting(state);
    }

    /** Whether the output is complete and nothing more can follow (only an end token is allowed). */
    public boolean isFinished() {
        return ended || constraint.accepting(state) && !constraint.canContinue(state);
    }
}
