package dev.catena.llm.constraint.grammar;

/** A grammar that cannot be used: a syntax error, an undefined or left-recursive rule, a rule that never ends. */
public class GrammarException extends IllegalArgumentException {

    public GrammarException(String message) {
        super(message);
    }
}
