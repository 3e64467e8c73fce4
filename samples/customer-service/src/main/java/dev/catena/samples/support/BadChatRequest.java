package dev.catena.samples.support;

/** A chat request the API rejects (HTTP 400); the message says what was wrong. */
public class BadChatRequest extends RuntimeException {
    public BadChatRequest(String message) {
        super(message);
    }
}
