package dev.catena.agents.mcp;

/** An MCP tool's input schema is not valid JSON Schema, or not one for an object of arguments. */
final class InvalidToolSchemaException extends RuntimeException {
    InvalidToolSchemaException(String message) {
        super(message);
    }
}
