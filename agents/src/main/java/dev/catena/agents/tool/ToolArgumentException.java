package dev.catena.agents.tool;

/** Thrown by a tool whose arguments are missing, malformed or out of range; agents report it to the model. */
public class ToolArgumentException extends RuntimeException {
    public ToolArgumentException(String message) {
        super(message);
    }

    public ToolArgumentException(String message, Throwable cause) {
        super(message, cause);
    }
}
