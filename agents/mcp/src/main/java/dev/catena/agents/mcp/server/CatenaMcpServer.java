package dev.catena.agents.mcp.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Catena tools, agents and chains served over MCP with the official SDK's server: over stdio (the
 * process is the server, as MCP clients start it) or over streamable HTTP at {@code /mcp} on an
 * embedded Jetty bound to the address given (loopback by default in the CLI). Each call runs on a
 * virtual thread and is bounded by a call timeout: past it the call is interrupted and answered
 * with a tool error, so a stuck chain cannot hold a client forever.
 */
public final class CatenaMcpServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CatenaMcpServer.class);
    /** The path of the streamable HTTP endpoint. */
    public static final String ENDPOINT = "/mcp";
    /** Default longest time one tool call may run. */
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofMinutes(5);

    private final McpSyncServer server;
    private final Server jetty;
    private final URI uri;
    private final ExecutorService calls;

    private CatenaMcpServer(McpSyncServer server, Server jetty, URI uri, ExecutorService calls) {
        this.server = server;
        this.jetty = jetty;
        this.uri = uri;
        this.calls = calls;
    }

    /** Serves {@code tools} over this process's standard input and output. */
    public static CatenaMcpServer stdio(String name, List<ServedTool> tools) {
        return stdio(name, tools, System.in, System.out);
    }

    /** Serves {@code tools} over the given streams (one line of JSON per message). */
    public static CatenaMcpServer stdio(String name, List<ServedTool> tools, InputStream in, OutputStream out) {
        return stdio(name, tools, in, out, DEFAULT_CALL_TIMEOUT);
    }

    /** Serves {@code tools} over the given streams, each call bounded by {@code callTimeout}. */
    public static CatenaMcpServer stdio(String name, List<ServedTool> tools, InputStream in, OutputStream out, Duration callTimeout) {
        StdioServerTransportProvider transport = new StdioServerTransportProvider(json(), in, out);
        ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor();
        return new CatenaMcpServer(build(McpServer.sync(transport), name, tools, calls, callTimeout), null, null, calls);
    }

    /**
     * Serves {@code tools} over streamable HTTP at {@code http://address/mcp}; port 0 picks a free one.
     *
     * @throws IllegalStateException when the address cannot be bound
     */
    public static CatenaMcpServer http(String name, List<ServedTool> tools, InetSocketAddress address) {
        return http(name, tools, address, DEFAULT_CALL_TIMEOUT);
    }

    /**
     * Serves {@code tools} over streamable HTTP, each call bounded by {@code callTimeout}.
     *
     * @throws IllegalStateException when the address cannot be bound
     */
    public static CatenaMcpServer http(String name, List<ServedTool> tools, InetSocketAddress address, Duration callTimeout) {
        HttpServletStreamableServerTransportProvider transport = HttpServletStreamableServerTransportProvider.builder()
                .jsonMapper(json()).mcpEndpoint(ENDPOINT).build();
        ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor();
        McpSyncServer server = build(McpServer.sync(transport), name, tools, calls, callTimeout);
        Server jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost(address.getHostString());
        connector.setPort(address.getPort());
        jetty.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.addServlet(new ServletHolder(transport), ENDPOINT);
        jetty.setHandler(context);
        try {
            jetty.start();
        } catch (Exception e) {
            server.close();
            calls.shutdownNow();
            throw new IllegalStateException("cannot serve MCP on " + address.getHostString() + ":" + address.getPort() + ": " + e.getMessage(), e);
        }
        URI uri = URI.create("http://" + hostForUri(address.getHostString()) + ":" + connector.getLocalPort() + ENDPOINT);
        return new CatenaMcpServer(server, jetty, uri, calls);
    }

    /** The streamable HTTP endpoint, when serving over HTTP. */
    public Optional<URI> uri() {
        return Optional.ofNullable(uri);
    }

    /** Blocks until the HTTP server stops (for a command line that serves until killed). */
    public void join() throws InterruptedException {
        if (jetty != null) jetty.join();
    }

    @Override
    public void close() {
        try {
            server.closeGracefully();
        } finally {
            calls.shutdownNow();
            if (jetty != null) {
                try {
                    jetty.stop();
                } catch (Exception e) {
                    LOG.warn("stopping the MCP HTTP server failed: {}", e.toString());
                }
            }
        }
    }

    private static McpSyncServer build(McpServer.SyncSpecification<?> spec, String name, List<ServedTool> tools,
                                       ExecutorService calls, Duration callTimeout) {
        Objects.requireNonNull(callTimeout, "callTimeout");
        if (callTimeout.isNegative() || callTimeout.isZero()) throw new IllegalArgumentException("the call timeout must be positive, was " + callTimeout);
        Set<String> names = new HashSet<>();
        for (ServedTool t : tools) {
            if (!names.add(t.name())) throw new IllegalArgumentException("two served tools are named '" + t.name() + "'");
        }
        spec.serverInfo(name, "0.1.0")
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
                .tools(tools.stream().map(t -> specification(t, calls, callTimeout)).toList());
        return spec.build();
    }

    private static McpServerFeatures.SyncToolSpecification specification(ServedTool t, ExecutorService calls, Duration callTimeout) {
        McpSchema.Tool tool = McpSchema.Tool.builder().name(t.name()).description(t.description()).inputSchema(t.inputSchema()).build();
        return McpServerFeatures.SyncToolSpecification.builder().tool(tool).callHandler((exchange, request) -> {
            Map<String, Object> args = request.arguments() == null ? Map.of() : request.arguments();
            Future<String> call = calls.submit(() -> t.handler().apply(args));
            try {
                String text = call.get(callTimeout.toNanos(), TimeUnit.NANOSECONDS);
                return McpSchema.CallToolResult.builder().addTextContent(text == null ? "" : text).isError(false).build();
            } catch (TimeoutException e) {
                call.cancel(true);
                LOG.warn("MCP tool '{}' did not finish within {} ms; the call was interrupted", t.name(), callTimeout.toMillis());
                return error("tool '" + t.name() + "' did not finish within " + callTimeout.toMillis() + " ms");
            } catch (ExecutionException e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                return error(cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage());
            } catch (InterruptedException e) {
                call.cancel(true);
                Thread.currentThread().interrupt();
                return error("the call was interrupted");
            }
        }).build();
    }

    private static McpSchema.CallToolResult error(String message) {
        return McpSchema.CallToolResult.builder().addTextContent("Error: " + message).isError(true).build();
    }

    private static McpJsonMapper json() {
        return new JacksonMcpJsonMapper(new ObjectMapper());
    }

    private static String hostForUri(String host) {
        return host.contains(":") ? "[" + host + "]" : host;
    }
}
