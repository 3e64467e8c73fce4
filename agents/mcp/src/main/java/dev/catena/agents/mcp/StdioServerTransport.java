package dev.catena.agents.mcp;

import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The SDK's stdio transport with two Catena rules: the server process gets only the configured
 * environment and the SDK's basic variables (HOME, LOGNAME, PATH, SHELL, TERM, USER), not a copy of
 * this JVM's environment with whatever secrets it holds; and the process
 * is found after it starts so that it can be killed with its client or the JVM ({@link ServerProcesses}).
 */
final class StdioServerTransport extends StdioClientTransport {

    /** One start at a time, so that the child process that appears is the one this transport started. */
    private static final Semaphore STARTING = new Semaphore(1);

    private final List<String> args;
    private final CompletableFuture<ProcessHandle> process = new CompletableFuture<>();

    private final Consumer<Throwable> onStartFailure;

    /** {@code onStartFailure} hears why the process could not be started (the SDK only logs it). */
    StdioServerTransport(McpServerConfig config, McpJsonMapper json, int maxMessageChars, Consumer<Throwable> onStartFailure) {
        super(ServerParameters.builder(config.command()).args(config.args()).env(config.env()).build(), json, maxMessageChars);
        this.args = config.args();
        this.onStartFailure = onStartFailure;
    }

    /** The started server process, once it runs. */
    CompletableFuture<ProcessHandle> process() {
        return process;
    }

    @Override
    protected ProcessBuilder getProcessBuilder() {
        ProcessBuilder pb = new ProcessBuilder();
        pb.environment().clear();
        return pb;
    }

    @Override
    public Mono<Void> connect(Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler) {
        return Mono.defer(() -> {
            STARTING.acquireUninterruptibly();
            Set<Long> before = children();
            return super.connect(handler)
                    .doOnSuccess(v -> found(before))
                    .doOnError(onStartFailure)
                    .doFinally(s -> STARTING.release());
        });
    }

    private void found(Set<Long> before) {
        List<ProcessHandle> started = ProcessHandle.current().children()
                .filter(p -> !before.contains(p.pid()))
                .filter(p -> p.info().arguments().map(a -> endsWith(List.of(a), args)).orElse(true))
                .toList();
        if (started.isEmpty()) return;
        ProcessHandle p = started.getFirst();
        ServerProcesses.track(p);
        process.complete(p);
    }

    private static Set<Long> children() {
        return ProcessHandle.current().children().map(ProcessHandle::pid).collect(Collectors.toSet());
    }

    private static boolean endsWith(List<String> all, List<String> tail) {
        return all.size() >= tail.size() && all.subList(all.size() - tail.size(), all.size()).equals(tail);
    }
}
