package dev.catena.openai;

/**
 * A streamed answer that ended before the server finished it: the connection was reset, the stream
 * stalled past the idle timeout, an event was malformed, or the server closed the stream without a
 * finish reason. The tokens already delivered are not a complete answer.
 */
public final class StreamCutException extends RuntimeException {

    private final int tokens;

    public StreamCutException(int tokens, String reason, Throwable cause) {
        super("stream cut after " + tokens + " tokens: " + reason, cause);
        this.tokens = tokens;
    }

    /** How many partial responses (tokens) had arrived before the cut. */
    public int tokens() {
        return tokens;
    }
}
