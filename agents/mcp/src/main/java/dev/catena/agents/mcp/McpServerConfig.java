package dev.catena.agents.mcp;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How to reach one MCP server: a command started over stdio, or the URL of a streamable HTTP or SSE
 * endpoint, with the limits that apply to every request. Only the command given here is ever
 * started; nothing a model writes can change it.
 *
 * @param name            the server's name in tool descriptions and error messages
 * @param transport       how to talk to it
 * @param command         the program to start (stdio only)
 * @param args            its arguments (stdio only)
 * @param env             environment of the started process (stdio only), added to HOME, LOGNAME, PATH, SHELL, TERM
 *                        and USER; nothing else of this JVM's environment is passed on
 * @param url             the endpoint (HTTP and SSE only)
 * @param callTimeout     the longest a request (a tool call, a read) may take
 * @param startTimeout    the longest starting and initializing the connection may take
 * @param maxResultChars  the longest text a tool call or read returns; longer text is cut with a note
 */
public record McpServerConfig(String name, Transport transport, String command, List<String> args, Map<String, String> env,
                              URI url, Duration callTimeout, Duration startTimeout, int maxResultChars) {

    /** How the client reaches the server. */
    public enum Transport { STDIO, STREAMABLE_HTTP, SSE }

    /** Default time for one request. */
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(30);
    /** Default time to start and initialize. */
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(30);
    /** Default longest result, as for every agent tool. */
    public static final int DEFAULT_MAX_RESULT_CHARS = 20_000;

    public McpServerConfig {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("an MCP server needs a name");
        Objects.requireNonNull(transport, "transport");
        args = args == null ? List.of() : List.copyOf(args);
        env = env == null ? Map.of() : Map.copyOf(env);
        if (transport == Transport.STDIO) {
            if (command == null || command.isBlank()) throw new IllegalArgumentException("MCP server '" + name + "': stdio needs a command");
            if (url != null) throw new IllegalArgumentException("MCP server '" + name + "': give a command or a url, not both");
        } else {
            if (url == null) throw new IllegalArgumentException("MCP server '" + name + "': " + transport + " needs a url");
            if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
                throw new IllegalArgumentException("MCP server '" + name + "': url must be http or https, was " + url);
            }
            if (command != null) throw new IllegalArgumentException("MCP server '" + name + "': give a command or a url, not both");
        }
        callTimeout = positive(name, "callTimeout", callTimeout == null ? DEFAULT_CALL_TIMEOUT : callTimeout);
        startTimeout = positive(name, "startTimeout", startTimeout == null ? DEFAULT_START_TIMEOUT : startTimeout);
        if (maxResultChars < 1) throw new IllegalArgumentException("MCP server '" + name + "': maxResultChars must be at least 1, was " + maxResultChars);
    }

    /** A server started as {@code command args...}, talking over its standard input and output. */
    public static McpServerConfig stdio(String name, String command, List<String> args) {
        return new McpServerConfig(name, Transport.STDIO, command, args, Map.of(), null, null, null, DEFAULT_MAX_RESULT_CHARS);
    }

    /** A server at a streamable HTTP endpoint such as {@code http://127.0.0.1:3001/mcp}. */
    public static McpServerConfig streamableHttp(String name, URI url) {
        return new McpServerConfig(name, Transport.STREAMABLE_HTTP, null, List.of(), Map.of(), url, null, null, DEFAULT_MAX_RESULT_CHARS);
    }

    /** A server at a (legacy) HTTP+SSE endpoint such as {@code http://127.0.0.1:3001/sse}. */
    public static McpServerConfig sse(String name, URI url) {
        return new McpServerConfig(name, Transport.SSE, null, List.of(), Map.of(), url, null, null, DEFAULT_MAX_RESULT_CHARS);
    }

    /** This config with the started process's environment set to {@code env}. */
    public McpServerConfig withEnv(Map<String, String> env) {
        return new McpServerConfig(name, transport, command, args, env, url, callTimeout, startTimeout, maxResultChars);
    }

    /** This config with another request timeout. */
    public McpServerConfig withCallTimeout(Duration timeout) {
        return new McpServerConfig(name, transport, command, args, env, url, timeout, startTimeout, maxResultChars);
    }

    /** This config with another start timeout. */
    public McpServerConfig withStartTimeout(Duration timeout) {
        return new McpServerConfig(name, transport, command, args, env, url, callTimeout, timeout, maxResultChars);
    }

    /** This config with another result bound. */
    public McpServerConfig withMaxResultChars(int max) {
        return new McpServerConfig(name, transport, command, args, env, url, callTimeout, startTimeout, max);
    }

    private static Duration positive(String name, String what, Duration d) {
        if (d.isNegative() || d.isZero()) throw new IllegalArgumentException("MCP server '" + name + "': " + what + " must be positive, was " + d);
        return d;
    }
}
