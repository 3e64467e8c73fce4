package dev.catena.samples.openai;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Error bodies in OpenAI's shape: {@code {"error": {"message", "type", "param", "code"}}}, and the exception that
 * carries one with its HTTP status.
 */
final class OpenAiErrors {
    private static final ObjectMapper JSON = new ObjectMapper();

    private OpenAiErrors() {}

    static ObjectNode body(String message) {
        return body(message, "invalid_request_error", null, null);
    }

    static ObjectNode body(String message, String type, String param, String code) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode error = body.putObject("error").put("message", message).put("type", type);
        if (param == null) error.putNull("param"); else error.put("param", param);
        if (code == null) error.putNull("code"); else error.put("code", code);
        return body;
    }

    /** A request the server rejects with 400 and this message. */
    static final class BadRequest extends ApiError {
        BadRequest(String message) {
            super(400, message, "invalid_request_error", null, null, 0);
        }
    }

    /** An invalid value (or an unsupported use) of request parameter {@code param}: 400 naming it. */
    static ApiError invalid(String param, String message, String code) {
        return new ApiError(400, message, "invalid_request_error", param, code, 0);
    }

    /** The prompt and the tokens asked for do not fit in the model's context. */
    static ApiError contextLengthExceeded(int required, int contextLength) {
        return new ApiError(400, "This model's maximum context length is " + contextLength + " tokens. However, you requested "
                + required + " tokens. Please reduce the length of the messages or completion.",
                "invalid_request_error", "messages", "context_length_exceeded", 0);
    }

    /** No capacity now: 429 with a {@code Retry-After} of {@code retryAfterSeconds}. */
    static ApiError overloaded(String message, int retryAfterSeconds) {
        return new ApiError(429, message, "rate_limit_error", null, "rate_limit_exceeded", retryAfterSeconds);
    }

    /** An error with its HTTP status, OpenAI body fields and (for 429) the seconds to wait before a retry. */
    static class ApiError extends RuntimeException {
        final int status;
        final String type;
        final String param;
        final String code;
        final int retryAfterSeconds;

        ApiError(int status, String message, String type, String param, String code, int retryAfterSeconds) {
            super(message);
            this.status = status;
            this.type = type;
            this.param = param;
            this.code = code;
            this.retryAfterSeconds = retryAfterSeconds;
        }

        ObjectNode body() {
            return OpenAiErrors.body(getMessage(), type, param, code);
        }
    }
}
