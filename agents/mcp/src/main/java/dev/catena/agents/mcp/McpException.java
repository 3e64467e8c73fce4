package dev.catena.agents.mcp;

/**
 * An MCP server could not be started, reached or understood, or refused a request. The message
 * names the server (and the tool, resource or prompt) involved.
 */
public class McpException extends RuntimeException {

    public McpException(String message) {
        super(message);
    }

    public McpException(String message, Throwable cause) {
        super(message, cause);
    }
}
