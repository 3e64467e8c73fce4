package dev.catena.agents.tool;

/** A tool failed with a checked exception; agents report the message to the model. */
public class ToolExecutionException extends RuntimeException {
    public ToolExecutionException(String message, Throwable cause) {
        super(message, cause);
    }
}
