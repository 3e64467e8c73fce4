package dev.catena.openai.http;

import java.io.InterruptedIOException;

/** No bytes arrived on an open event stream for longer than the configured idle timeout. */
public final class StreamStalledException extends InterruptedIOException {

    public StreamStalledException(String message) {
        super(message);
    }
}
