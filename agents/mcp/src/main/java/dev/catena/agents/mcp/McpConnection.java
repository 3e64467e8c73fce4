package dev.catena.agents.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.transport.HttpClientSseClientTransport;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * A live connection to one MCP server through the official MCP Java SDK: lists and calls its tools,
 * lists and reads its resources and prompts. Every request is bounded by the config's call timeout
 * and fails at once when the server process exits or sends a message that is not JSON; every
 * failure is an {@link McpException} naming the server and the tool, resource or prompt. Closing
 * the connection stops a server it started (as does the JVM's exit).
 */
public final class McpConnection implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(McpConnection.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Longest single message accepted from a stdio server; a longer one ends the connection. */
    private static final int MAX_MESSAGE_CHARS = 8 * 1024 * 1024;
    private static final int STDERR_LINES = 20;
    /** How often a waiting request checks that a stdio server still runs. */
    private static final Duration POLL = Duration.ofMillis(100);

    private final McpServerConfig config;
    private final McpAsyncClient client;
    private final StdioServerTransport stdio;
    /** Fails when the connection can no longer answer: the process exited, or a message was malformed. */
    private final CompletableFuture<Void> broken = new CompletableFuture<>();
    private final Deque<String> stderr = new ArrayDeque<>();
    private volatile Map<String, McpSchema.Tool> tools;
    private final AtomicBoolean closed = new AtomicBoolean();

    private McpConnection(McpServerConfig config) {
        this.config = config;
        McpJsonMapper json = new WatchingJsonMapper(new JacksonMcpJsonMapper(new ObjectMapper()),
                reason -> broken.completeExceptionally(new McpException(serverLabel() + " " + reason)));
        McpClientTransport transport = switch (config.transport()) {
            case STDIO -> {
                StdioServerTransport t = new StdioServerTransport(config, json, MAX_MESSAGE_CHARS, e -> broken.completeExceptionally(
                        new McpException(serverLabel() + " could not be started: " + rootMessage(e), e)));
                t.setStdErrorHandler(this::stderrLine);
                yield t;
            }
            case STREAMABLE_HTTP -> HttpClientStreamableHttpTransport.builder(base(config))
                    .endpoint(config.url().getRawPath().isEmpty() ? "/mcp" : config.url().getRawPath())
                    .jsonMapper(json).connectTimeout(config.startTimeout()).build();
            case SSE -> HttpClientSseClientTransport.builder(base(config))
                    .sseEndpoint(config.url().getRawPath().isEmpty() ? "/sse" : config.url().getRawPath())
                    .jsonMapper(json).connectTimeout(config.startTimeout()).build();
        };
        this.stdio = transport instanceof StdioServerTransport s ? s : null;
        this.client = McpClient.async(transport)
                .clientInfo(new McpSchema.Implementation("catena", "0.1.0"))
                // the SDK's own bound; each request below has the config's bound too, and fails sooner on a crash
                .requestTimeout(config.callTimeout().plusSeconds(5))
                .initializationTimeout(config.startTimeout())
                .build();
    }

    /**
     * Starts (stdio) or reaches (HTTP) the server and completes the MCP handshake within the
     * config's start timeout.
     *
     * @throws McpException naming the server when it cannot be started, reached or initialized
     */
    public static McpConnection open(McpServerConfig config) {
        Objects.requireNonNull(config, "config");
        McpConnection c = new McpConnection(config);
        try {
            c.await(c.client.initialize(), config.startTimeout(), "starting");
            return c;
        } catch (RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /** The config this connection was opened with. */
    public McpServerConfig config() {
        return config;
    }

    /** The server's name from the config. */
    public String name() {
        return config.name();
    }

    /** The server process this connection started (stdio), while it is known. */
    public Optional<ProcessHandle> serverProcess() {
        return stdio == null ? Optional.empty() : Optional.ofNullable(stdio.process().getNow(null));
    }

    /** The tools the server offers, in its order (all pages). Cached after the first call. */
    public List<McpSchema.Tool> listTools() {
        return List.copyOf(toolMap().values());
    }

    /**
     * Calls {@code tool} with {@code arguments} and returns its content as text (cut at the config's
     * {@code maxResultChars}, with a note saying so).
     *
     * @throws McpException naming server and tool for an unknown tool, a result marked as an error,
     *                      a timeout, a crash or a protocol error
     */
    public String callTool(String tool, Map<String, Object> arguments) {
        if (!toolMap().containsKey(tool)) {
            throw new McpException(serverLabel() + " has no tool '" + tool + "'; its tools: " + String.join(", ", toolMap().keySet()));
        }
        String what = "tool '" + tool + "'";
        McpSchema.CallToolResult result = await(client.callTool(new McpSchema.CallToolRequest(tool, arguments == null ? Map.of() : arguments)),
                config.callTimeout(), what);
        String text = cut(ContentText.of(result), what);
        if (Boolean.TRUE.equals(result.isError())) throw new McpException(serverLabel() + " " + what + " reported an error: " + text);
        return text;
    }

    /** The resources the server lists (all pages). */
    public List<McpSchema.Resource> listResources() {
        return pages(client::listResources, McpSchema.ListResourcesResult::resources, McpSchema.ListResourcesResult::nextCursor, "listing resources");
    }

    /** The text of the resource at {@code uri} (binary parts are described, not included), cut at {@code maxResultChars}. */
    public String readResource(String uri) {
        String what = "resource '" + uri + "'";
        McpSchema.ReadResourceResult result = await(client.readResource(new McpSchema.ReadResourceRequest(uri)), config.callTimeout(), what);
        List<String> parts = new ArrayList<>();
        for (McpSchema.ResourceContents c : result.contents()) parts.add(ContentText.of(c));
        return cut(String.join("\n", parts), what);
    }

    /** The prompts the server lists (all pages). */
    public List<McpSchema.Prompt> listPrompts() {
        return pages(client::listPrompts, McpSchema.ListPromptsResult::prompts, McpSchema.ListPromptsResult::nextCursor, "listing prompts");
    }

    /** The messages of prompt {@code name} filled with {@code arguments}, as LangChain4j chat messages. */
    public List<ChatMessage> getPrompt(String name, Map<String, String> arguments) {
        String what = "prompt '" + name + "'";
        McpSchema.GetPromptResult result = await(client.getPrompt(new McpSchema.GetPromptRequest(name, new LinkedHashMap<>(arguments == null ? Map.of() : arguments))),
                config.callTimeout(), what);
        List<ChatMessage> out = new ArrayList<>();
        for (McpSchema.PromptMessage m : result.messages()) {
            String text = cut(ContentText.of(m.content()), what);
            out.add(m.role() == McpSchema.Role.ASSISTANT ? AiMessage.from(text) : UserMessage.from(text));
        }
        return out;
    }

    /** Ends the session and stops a server process this connection started; later calls do nothing. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) return;
        try {
            client.closeGracefully().toFuture().get(2, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException | RuntimeException e) {
            LOG.debug("{}: closing did not finish cleanly: {}", serverLabel(), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (stdio != null) stdio.process().thenAccept(p -> ServerProcesses.stop(p, 2_000));
            broken.completeExceptionally(new McpException(serverLabel() + " connection is closed"));
        }
    }

    private Map<String, McpSchema.Tool> toolMap() {
        Map<String, McpSchema.Tool> cached = tools;
        if (cached != null) return cached;
        Map<String, McpSchema.Tool> out = new LinkedHashMap<>();
        for (McpSchema.Tool t : pages(client::listTools, McpSchema.ListToolsResult::tools, McpSchema.ListToolsResult::nextCursor, "listing tools")) {
            out.put(t.name(), t);
        }
        tools = Collections.unmodifiableMap(out);
        return tools;
    }

    /** Every item of a paged listing, each page bounded by the call timeout. */
    private <P, T> List<T> pages(Function<String, Mono<P>> page, Function<P, List<T>> items, Function<P, String> next, String what) {
        List<T> out = new ArrayList<>();
        String cursor = null;
        do {
            P result = await(page.apply(cursor), config.callTimeout(), what);
            if (items.apply(result) != null) out.addAll(items.apply(result));
            cursor = next.apply(result);
        } while (cursor != null);
        return out;
    }

    /**
     * Waits for {@code request} at most {@code timeout}, failing early when the connection breaks
     * or the server process exits (checked every {@link #POLL}: the JDK does not report the exit of
     * a process that another object started until that object reaps it).
     */
    private <T> T await(Mono<T> request, Duration timeout, String what) {
        CompletableFuture<T> future = request.toFuture();
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0) throw new TimeoutException();
                try {
                    CompletableFuture.anyOf(future, broken).get(Math.min(left, POLL.toNanos()), TimeUnit.NANOSECONDS);
                    if (!future.isDone()) broken.join();
                    return future.join();
                } catch (TimeoutException slice) {
                    ProcessHandle p = stdio == null ? null : stdio.process().getNow(null);
                    if (p != null && !p.isAlive()) {
                        broken.completeExceptionally(new McpException(serverLabel() + " exited" + lastStderr()));
                    }
                }
            }
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new McpException(serverLabel() + " " + what + " timed out after " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new McpException(serverLabel() + " " + what + " was interrupted", e);
        } catch (ExecutionException | CompletionException e) {
            future.cancel(true);
            throw failure(what, e.getCause() == null ? e : e.getCause());
        }
    }

    private McpException failure(String what, Throwable cause) {
        if (cause instanceof McpException known) {
            return new McpException(known.getMessage().startsWith(serverLabel()) && !known.getMessage().contains(what)
                    ? known.getMessage() + " during " + what : known.getMessage(), known);
        }
        if (cause instanceof McpError error && error.getJsonRpcError() != null) {
            return new McpException(serverLabel() + " " + what + " failed: " + error.getJsonRpcError().message()
                    + " (JSON-RPC error " + error.getJsonRpcError().code() + ")", error);
        }
        String message = McpError.aggregateExceptionMessages(cause);
        return new McpException(serverLabel() + " " + what + " failed: " + (message == null || message.isBlank() ? cause.toString() : message)
                + lastStderr(), cause);
    }

    /** {@code text} cut so that, with the note saying so, it stays within maxResultChars. */
    private String cut(String text, String what) {
        int max = config.maxResultChars();
        if (text.length() <= max) return text;
        String note = "\n[... cut: " + serverLabel() + " " + what + " returned " + text.length()
                + " characters, more than the limit of " + max + "]";
        return text.substring(0, Math.max(0, max - note.length())) + note;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        return root == e || root.getMessage() == null ? message : message + ": " + root.getMessage();
    }

    private String serverLabel() {
        return "MCP server '" + config.name() + "'";
    }

    private void stderrLine(String line) {
        LOG.debug("{} stderr: {}", serverLabel(), line);
        synchronized (stderr) {
            stderr.addLast(line);
            if (stderr.size() > STDERR_LINES) stderr.removeFirst();
        }
    }

    private String lastStderr() {
        synchronized (stderr) {
            return stderr.isEmpty() ? "" : "; its last output on stderr: " + String.join(" | ", stderr);
        }
    }

    private static String base(McpServerConfig config) {
        return config.url().getScheme() + "://" + config.url().getRawAuthority();
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (Exception e) {
            return String.valueOf(value);
        }
    }
}
