package dev.catena.openai.http;

import java.io.IOException;

/** An event on a chat completion stream whose data is not JSON; the stream is abandoned. */
public final class MalformedStreamException extends IOException {

    public MalformedStreamException(String message, Throwable cause) {
        super(message, cause);
    }
}
