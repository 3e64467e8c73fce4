package dev.catena.quarkus.runtime.mcp;

import dev.catena.agents.mcp.McpConnection;
import dev.catena.agents.mcp.McpTool;
import dev.catena.agents.mcp.ToolSelection;
import dev.catena.agents.tool.AgentTool;
import dev.langchain4j.service.tool.ToolProvider;
import dev.langchain4j.service.tool.ToolProviderRequest;
import dev.langchain4j.service.tool.ToolProviderResult;

import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * A configured MCP client ({@code quarkus.catena.mcp.<name>}) as a bean: its live connection and the
 * selected tools of its server. The tools serve Catena agents (as an {@code Iterable} of tools, so a
 * YAML file can list {@code {bean: NAME}} among an agent's tools) and typed services (as a LangChain4j
 * {@link ToolProvider}). Closing it, which the container does at shutdown, stops a server it started.
 */
public final class CatenaMcpClient implements ToolProvider, Iterable<AgentTool>, AutoCloseable {

    private final String name;
    private final McpConnection connection;
    private final List<AgentTool> tools;

    CatenaMcpClient(String name, McpConnection connection, ToolSelection selection) {
        this.name = Objects.requireNonNull(name, "name");
        this.connection = Objects.requireNonNull(connection, "connection");
        this.tools = McpTool.of(connection, selection);
    }

    /** The client's name in configuration. */
    public String name() {
        return name;
    }

    /** The connection to the server. */
    public McpConnection connection() {
        return connection;
    }

    /** The selected tools, in the server's order. */
    public List<AgentTool> tools() {
        return tools;
    }

    @Override
    public Iterator<AgentTool> iterator() {
        return tools.iterator();
    }

    /**
     * The tools for an AI service. A failed call (an error result, a timeout, a crashed server) is
     * answered to the model as an error text it can react to, not thrown.
     */
    @Override
    public ToolProviderResult provideTools(ToolProviderRequest request) {
        ToolProviderResult.Builder result = ToolProviderResult.builder();
        for (AgentTool tool : tools) {
            result.add(tool.specification(), (call, memoryId) -> {
                try {
                    return tool.execute(call.arguments());
                } catch (RuntimeException e) {
                    return "Error: " + e.getMessage();
                }
            });
        }
        return result.build();
    }

    @Override
    public void close() {
        connection.close();
    }

    @Override
    public String toString() {
        return "CatenaMcpClient[" + name + ", " + tools.size() + " tool(s)]";
    }
}
