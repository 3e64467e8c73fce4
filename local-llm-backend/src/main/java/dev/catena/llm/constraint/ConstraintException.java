package dev.catena.llm.constraint;

/** A constraint that the vocabulary cannot satisfy, found before or during generation. */
public class ConstraintException extends IllegalStateException {

    public ConstraintException(String message) {
        super(message);
    }
}
