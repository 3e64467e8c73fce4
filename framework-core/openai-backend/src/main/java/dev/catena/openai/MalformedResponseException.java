package dev.catena.openai;

/** The server answered 2xx with a body that is not a chat completion in JSON. */
public final class MalformedResponseException extends RuntimeException {

    public MalformedResponseException(String message, Throwable cause) {
        super(message, cause);
    }
}
