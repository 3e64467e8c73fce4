package dev.catena.samples.openai;

import io.vertx.core.http.HttpServerResponse;

/**
 * A server-sent-event answer whose head is written with its first event, so that a request failing before it
 * produces anything can still be answered with a proper error status. Safe for several generating threads.
 */
final class SseStream {

    private final HttpServerResponse http;
    private boolean started;

    SseStream(HttpServerResponse http) {
        this.http = http;
    }

    /** Sends {@code data: <data>}; a closed connection drops it. */
    synchronized void send(String data) {
        if (http.closed() || http.ended()) return;
        if (!started) {
            http.setChunked(true).putHeader("Content-Type", "text/event-stream").putHeader("Cache-Control", "no-cache");
            started = true;
        }
        http.write("data: " + data + "\n\n");
    }

    /** Whether an event has been sent (the status can no longer change). */
    synchronized boolean started() {
        return started;
    }

    /** Whether the client went away. */
    boolean closed() {
        return http.closed();
    }

    /** Sends {@code data: [DONE]} and ends the answer. */
    synchronized void done() {
        send("[DONE]");
        if (!http.ended() && !http.closed()) http.end();
    }

    /** Sends an error event and ends the answer (for a failure after the first event). */
    synchronized void fail(OpenAiErrors.ApiError error) {
        send(error.body().toString());
        if (!http.ended() && !http.closed()) http.end();
    }
}
