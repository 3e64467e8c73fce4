package dev.catena.cli.mcp;

import dev.catena.agents.Agent;
import dev.catena.agents.mcp.server.CatenaMcpServer;
import dev.catena.agents.mcp.server.ServedTool;
import dev.catena.agents.tool.AgentTool;
import dev.catena.agents.yaml.ToolBox;
import dev.catena.chains.yaml.CatenaFileException;
import dev.catena.chains.yaml.CatenaLoader;
import dev.catena.chains.yaml.Components;
import dev.catena.chains.yaml.Definition;
import dev.catena.core.runnable.Runnable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code mcp serve FILE.yaml}: serves the agents, chains and tools of a Catena file as MCP tools,
 * over stdio (the default: an MCP client starts this command) or streamable HTTP ({@code --http}).
 * Agents take {@code {input: text}}; chains take their input variables; tools keep their schema.
 *
 * <p>Exit codes: 0 served until the client left or the process was stopped; 2 bad command line;
 * 3 invalid file or component; 4 the server could not start.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serves the agents, chains and tools of a Catena YAML file over MCP (stdio, or streamable HTTP with --http).",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:served until stopped", "2:invalid command line", "3:invalid file or component", "4:the server could not start"})
public final class McpServeCommand implements Callable<Integer> {

    static final int BAD_FILE = 3;
    static final int FAILED = 4;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The YAML file declaring the agents, chains and tools.")
    Path file;

    @Option(names = "--expose", paramLabel = "NAME", description = "A component to serve (agent, chain or tool); repeatable. Default: all of them.")
    List<String> expose = new ArrayList<>();

    @Option(names = "--http", description = "Serve over streamable HTTP at http://HOST:PORT/mcp instead of stdio.")
    boolean http;

    @Option(names = "--host", paramLabel = "HOST", description = "Address to bind with --http (default ${DEFAULT-VALUE}).", defaultValue = "127.0.0.1")
    String host;

    @Option(names = "--port", paramLabel = "PORT", description = "Port with --http; 0 picks a free one (default ${DEFAULT-VALUE}).", defaultValue = "3001")
    int port;

    @Option(names = "--name", paramLabel = "NAME", description = "Server name told to clients (default: the file name).")
    String name;

    @Option(names = "--call-timeout-ms", paramLabel = "MS", description = "Longest time one tool call may run; past it the client gets a tool error (default ${DEFAULT-VALUE}).",
            defaultValue = "300000")
    long callTimeoutMillis;

    @Option(names = "--allow-env", paramLabel = "NAME", description = "An environment variable the file may read; repeatable.")
    List<String> allowEnv = new ArrayList<>();

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        if (port < 0 || port > 65535) throw new CommandLine.ParameterException(spec.commandLine(), "--port must be between 0 and 65535, was " + port);
        if (callTimeoutMillis < 1) throw new CommandLine.ParameterException(spec.commandLine(), "--call-timeout-ms must be at least 1, was " + callTimeoutMillis);
        Duration callTimeout = Duration.ofMillis(callTimeoutMillis);
        if (!Files.isRegularFile(file)) {
            err.println("mcp serve: file not found: " + file);
            return BAD_FILE;
        }
        List<ServedTool> tools;
        try {
            tools = served();
        } catch (CatenaFileException e) {
            err.println("mcp serve: " + file + " is invalid:");
            e.errors().forEach(error -> err.println("  " + error));
            return BAD_FILE;
        } catch (RuntimeException e) {
            err.println("mcp serve: " + message(e));
            return BAD_FILE;
        }
        String serverName = name != null ? name : file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        if (!http) {
            CountDownLatch stdinClosed = new CountDownLatch(1);
            try (CatenaMcpServer ignored = CatenaMcpServer.stdio(serverName, tools, new NotifyingInputStream(System.in, stdinClosed::countDown), System.out, callTimeout)) {
                stdinClosed.await();
            }
            return 0;
        }
        CatenaMcpServer server;
        try {
            server = CatenaMcpServer.http(serverName, tools, new InetSocketAddress(host, port), callTimeout);
        } catch (RuntimeException e) {
            err.println("mcp serve: " + message(e));
            return FAILED;
        }
        err.println("mcp serve: serving " + tools.size() + " tool(s) at " + server.uri().orElseThrow());
        err.flush();
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        server.join();
        return 0;
    }

    @SuppressWarnings("unchecked")
    private List<ServedTool> served() {
        CatenaLoader loader = CatenaLoader.builder().allowEnv(allowEnv.toArray(String[]::new)).build();
        Definition definition = loader.read(file);
        Components components = loader.components(definition);
        List<String> agents = definition.names("Agent");
        List<String> chains = definition.names("Chain");
        List<String> toolNames = definition.names("Tool");
        List<String> chosen = new ArrayList<>();
        if (expose.isEmpty()) {
            chosen.addAll(agents);
            chosen.addAll(chains);
            chosen.addAll(toolNames);
        } else {
            for (String n : expose) {
                if (!agents.contains(n) && !chains.contains(n) && !toolNames.contains(n)) {
                    throw new IllegalArgumentException("no agent, chain or tool named '" + n + "' in " + file
                            + " (agents: " + agents + ", chains: " + chains + ", tools: " + toolNames + ")");
                }
                chosen.add(n);
            }
        }
        List<ServedTool> out = new ArrayList<>();
        for (String n : chosen) {
            if (agents.contains(n)) {
                out.add(ServedTool.of(n, "Catena agent '" + n + "': give it a question or task as input; it answers in text.",
                        components.get(n, Agent.class)));
            } else if (chains.contains(n)) {
                out.add(ServedTool.of(n, "Catena chain '" + n + "': the arguments are its input variables; it returns text.",
                        (Runnable<Map<String, Object>, ?>) components.get(n, Runnable.class), List.of()));
            } else {
                for (AgentTool t : components.get(n, ToolBox.class).tools()) out.add(ServedTool.of(t));
            }
        }
        if (out.isEmpty()) throw new IllegalArgumentException(file + " declares no agent, chain or tool to serve");
        return out;
    }

    private static String message(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
