package dev.catena.retrievers.store;

/**
 * A vector store operation failed: the server was unreachable, rejected the request or answered
 * something unexpected. The message names the store, the operation and the endpoint.
 */
public final class StoreException extends RuntimeException {

    /**
     * @param message what failed, naming the store and its URL or path
     * @param cause the underlying error, may be {@code null}
     */
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    /** @param message what failed, naming the store and its URL or path */
    public StoreException(String message) {
        super(message);
    }
}
