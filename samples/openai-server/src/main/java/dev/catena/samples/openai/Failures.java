package dev.catena.samples.openai;

import dev.catena.llm.constraint.schema.UnsupportedSchemaException;
import dev.catena.llm.model.ContextLengthExceededException;
import io.vertx.core.http.HttpServerResponse;

/** Turns what a generation threw into the OpenAI error a client should see, and writes it. */
final class Failures {

    private Failures() {}

    /** The API error for {@code failure} (unwrapping causes); a 500 for anything unexpected. */
    static OpenAiErrors.ApiError toApiError(Throwable failure, Admission admission) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof OpenAiErrors.ApiError e) return e;
            if (t instanceof ContextLengthExceededException e) return OpenAiErrors.contextLengthExceeded(e.required(), e.contextLength());
            if (t instanceof UnsupportedSchemaException e) {
                return OpenAiErrors.invalid("response_format", "Invalid 'response_format': " + e.getMessage(), "invalid_value");
            }
            OpenAiErrors.ApiError refused = admission.refusal(t);
            if (refused != null) return refused;
        }
        return new OpenAiErrors.ApiError(500, "the model failed: " + failure.getMessage(), "server_error", null, null, 0);
    }

    /** Writes {@code error} as the whole answer, or, when the head is already out, just ends it. */
    static void respond(HttpServerResponse http, OpenAiErrors.ApiError error) {
        if (http.ended() || http.closed()) return;
        if (http.headWritten()) {
            http.end();
            return;
        }
        http.setStatusCode(error.status).putHeader("Content-Type", "application/json");
        if (error.retryAfterSeconds > 0) http.putHeader("Retry-After", Integer.toString(error.retryAfterSeconds));
        http.end(error.body().toString());
    }
}
