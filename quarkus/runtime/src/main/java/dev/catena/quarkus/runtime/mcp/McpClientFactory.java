package dev.catena.quarkus.runtime.mcp;

import dev.catena.agents.mcp.McpConnection;
import dev.catena.agents.mcp.McpServerConfig;
import dev.catena.agents.mcp.ToolSelection;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Opens the MCP client that {@code quarkus.catena.mcp.<name>.*} describes; bad values fail naming their key. */
final class McpClientFactory {

    static final String PREFIX = "quarkus.catena.mcp.";

    private McpClientFactory() {}

    /** Starts or reaches the server and lists its tools. */
    static CatenaMcpClient open(String name, CatenaMcpConfig.Client c, Function<String, String> environment) {
        McpServerConfig config = serverConfig(name, c, environment);
        ToolSelection selection;
        try {
            selection = new ToolSelection(c.tools().orElse(List.of()), List.of(), null);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(PREFIX + name + ".tools: " + e.getMessage(), e);
        }
        McpConnection connection = McpConnection.open(config);
        try {
            CatenaMcpClient client = new CatenaMcpClient(name, connection, selection);
            if (client.tools().isEmpty() && c.tools().isPresent()) {
                throw new IllegalArgumentException(PREFIX + name + ".tools: no tool of the server matches " + c.tools().get()
                        + " (its tools: " + connection.listTools().stream().map(t -> t.name()).toList() + ")");
            }
            return client;
        } catch (RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /** The connection settings, checked. */
    static McpServerConfig serverConfig(String name, CatenaMcpConfig.Client c, Function<String, String> environment) {
        String key = PREFIX + name;
        if (c.command().isPresent() == c.url().isPresent()) {
            throw new IllegalArgumentException(key + ": give either " + key + ".command (a stdio server) or " + key + ".url (a remote server)");
        }
        McpServerConfig config;
        try {
            if (c.command().isPresent()) {
                config = McpServerConfig.stdio(name, c.command().get(), c.args().orElse(List.of())).withEnv(env(key, c.env().orElse(List.of()), environment));
            } else {
                if (c.args().isPresent() || c.env().isPresent()) throw new IllegalArgumentException(key + ": args and env apply to a command only");
                URI url = uri(key, c.url().get());
                config = c.transport() == CatenaMcpConfig.Transport.SSE ? McpServerConfig.sse(name, url) : McpServerConfig.streamableHttp(name, url);
            }
            if (c.callTimeout().isPresent()) config = config.withCallTimeout(c.callTimeout().get());
            if (c.startTimeout().isPresent()) config = config.withStartTimeout(c.startTimeout().get());
            if (c.maxResultChars().isPresent()) config = config.withMaxResultChars(c.maxResultChars().getAsInt());
        } catch (IllegalArgumentException e) {
            throw e.getMessage().startsWith(PREFIX) ? e : new IllegalArgumentException(key + ": " + e.getMessage(), e);
        }
        return config;
    }

    private static Map<String, String> env(String key, List<String> names, Function<String, String> environment) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String n : names) {
            String value = environment.apply(n);
            if (value == null) throw new IllegalArgumentException(key + ".env: the environment variable '" + n + "' is not set");
            out.put(n, value);
        }
        return out;
    }

    private static URI uri(String key, String url) {
        try {
            return new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(key + ".url: '" + url + "' is not a valid URI: " + e.getMessage());
        }
    }
}
