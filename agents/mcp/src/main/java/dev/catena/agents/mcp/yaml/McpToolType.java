package dev.catena.agents.mcp.yaml;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.catena.agents.ApprovalHook;
import dev.catena.agents.mcp.McpConnection;
import dev.catena.agents.mcp.McpServerConfig;
import dev.catena.agents.mcp.McpTool;
import dev.catena.agents.mcp.ToolSelection;
import dev.catena.agents.yaml.ToolBox;
import dev.catena.core.component.AbstractComponentType;
import dev.catena.core.component.ComponentContext;
import dev.catena.core.component.Ref;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code kind: Tool}, {@code type: mcp}: the tools of an MCP server. The server is started (a
 * {@code command}) or reached (a {@code url}) when the component is created and stopped when the
 * JVM exits. Only the command written in the file is started, with only the environment variables
 * it names (each must be allow-listed by the loader).
 */
public final class McpToolType extends AbstractComponentType<McpToolType.Spec, ToolBox> {

    /** The YAML spec. */
    public record Spec(
            @JsonPropertyDescription("Program that runs the server over stdio (give this or url)") String command,
            @JsonPropertyDescription("Arguments of the command") List<String> args,
            @JsonPropertyDescription("Environment variables passed to the command, by name; each must be allow-listed by the loader") List<String> env,
            @JsonPropertyDescription("Endpoint of a remote server, e.g. http://127.0.0.1:3001/mcp (give this or command)") String url,
            @JsonPropertyDescription("Protocol at url: streamable-http (default) or sse") String transport,
            @JsonPropertyDescription("Tools to expose, by name or glob (read_*); default all") List<String> tools,
            @JsonPropertyDescription("Tools whose every call the approval hook must allow, by name or glob") List<String> requireApproval,
            @JsonPropertyDescription("Host approval hook for requireApproval, e.g. {bean: approver}") Ref approval,
            @JsonPropertyDescription("Most time for one call, in ms (default 30000)") Integer callTimeoutMillis,
            @JsonPropertyDescription("Most time to start and initialize the server, in ms (default 30000)") Integer startTimeoutMillis,
            @JsonPropertyDescription("Longest result passed to the model, in characters (default 20000)") Integer maxResultChars) {

        public Spec {
            if ((command == null) == (url == null)) throw new IllegalArgumentException("give either command (a stdio server) or url (a remote server)");
            if (command != null && command.isBlank()) throw new IllegalArgumentException("command must not be blank");
            if (command == null && (args != null || env != null)) throw new IllegalArgumentException("args and env apply to a command only");
            if (url != null && !url.startsWith("http://") && !url.startsWith("https://")) {
                throw new IllegalArgumentException("url must start with http:// or https://, was '" + url + "'");
            }
            if (transport != null && !List.of("streamable-http", "sse").contains(transport)) {
                throw new IllegalArgumentException("transport must be streamable-http or sse, was '" + transport + "'");
            }
            if (transport != null && url == null) throw new IllegalArgumentException("transport applies to a url only");
            if (requireApproval != null && !requireApproval.isEmpty() && approval == null) {
                throw new IllegalArgumentException("requireApproval needs an approval hook, e.g. approval: {bean: approver}");
            }
            positive("callTimeoutMillis", callTimeoutMillis);
            positive("startTimeoutMillis", startTimeoutMillis);
            positive("maxResultChars", maxResultChars);
            args = args == null ? null : List.copyOf(args);
            env = env == null ? null : List.copyOf(env);
            tools = tools == null ? null : List.copyOf(tools);
            requireApproval = requireApproval == null ? null : List.copyOf(requireApproval);
            // checks the patterns now, so that a bad glob is reported at its line
            new ToolSelection(tools, requireApproval, requireApproval == null || requireApproval.isEmpty() ? null : ApprovalHook.APPROVE_ALL);
        }

        private static void positive(String what, Integer value) {
            if (value != null && value < 1) throw new IllegalArgumentException(what + " must be at least 1, was " + value);
        }
    }

    public McpToolType() {
        super("Tool", "mcp", Spec.class, ToolBox.class, "The tools of a Model Context Protocol server (stdio command or URL)");
    }

    @Override
    public ToolBox create(Spec s, ComponentContext ctx) {
        String name = ctx.name().isBlank() ? "mcp" : ctx.name();
        McpServerConfig config = s.command() != null
                ? McpServerConfig.stdio(name, s.command(), s.args()).withEnv(environment(s.env(), ctx))
                : "sse".equals(s.transport()) ? McpServerConfig.sse(name, uri(s.url())) : McpServerConfig.streamableHttp(name, uri(s.url()));
        if (s.callTimeoutMillis() != null) config = config.withCallTimeout(Duration.ofMillis(s.callTimeoutMillis()));
        if (s.startTimeoutMillis() != null) config = config.withStartTimeout(Duration.ofMillis(s.startTimeoutMillis()));
        if (s.maxResultChars() != null) config = config.withMaxResultChars(s.maxResultChars());
        ApprovalHook hook = s.approval() == null ? null : ctx.resolve(s.approval(), ApprovalHook.class);
        ToolSelection selection = new ToolSelection(s.tools(), s.requireApproval(), hook);
        McpConnection connection = McpConnection.open(config);
        try {
            return new ToolBox(McpTool.of(connection, selection));
        } catch (RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    private static Map<String, String> environment(List<String> names, ComponentContext ctx) {
        Map<String, String> env = new LinkedHashMap<>();
        if (names != null) for (String n : names) env.put(n, ctx.env(n));
        return env;
    }

    private static URI uri(String url) {
        try {
            return new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("url '" + url + "' is not a valid URI: " + e.getMessage());
        }
    }
}
