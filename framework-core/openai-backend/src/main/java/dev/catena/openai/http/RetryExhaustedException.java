package dev.catena.openai.http;

import dev.langchain4j.exception.HttpException;

/**
 * A call that failed with a retryable status (429, 5xx) after every allowed attempt, or whose server
 * asked for a longer wait ({@code Retry-After}) than the configured bound. Keeps the last status.
 */
public final class RetryExhaustedException extends HttpException {

    public RetryExhaustedException(int statusCode, String message) {
        super(statusCode, message);
    }
}
