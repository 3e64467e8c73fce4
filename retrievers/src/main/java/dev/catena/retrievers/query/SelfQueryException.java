package dev.catena.retrievers.query;

/** The LLM's self-query answer could not be turned into a query and filter; the message says why and quotes it. */
public final class SelfQueryException extends RuntimeException {

    public SelfQueryException(String message, Throwable cause) {
        super(message, cause);
    }
}
