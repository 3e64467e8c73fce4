package dev.catena.samples.react;

import dev.catena.cli.agents.AgentCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The ReAct agent sample: indexes the observatory handbook, writes the agent's files into a working
 * directory (the bundled {@code agent.yaml} and a {@code model.yaml} naming the model, see {@link ModelChoice}) and
 * runs the agent through {@link AgentCommand}, which prints every step. Exit codes are those of
 * {@link AgentCommand}.
 */
@Command(name = "react-agent", mixinStandardHelpOptions = true,
        description = "Asks the observatory ReAct agent (calculator, handbook search, allow-listed HTTP GET) a question and prints its steps.")
public final class ReactAgentSample implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-i", "--input"}, required = true, paramLabel = "TEXT", description = "The question.")
    String input;

    @Mixin
    ModelChoice model;

    @Option(names = "--docs", paramLabel = "DIR", description = "Index the Markdown files of this directory instead of the bundled handbook.")
    Path docs;

    @Option(names = "--max-iterations", paramLabel = "N", description = "Most model turns (default: the agent file's 6).")
    Integer maxIterations;

    @Option(names = "--max-wall-time", paramLabel = "SECONDS", description = "Most time for the run (default: the agent file's 300).")
    Integer maxWallTime;

    @Option(names = "--allow-env", paramLabel = "NAME", description = "An environment variable the model file may read; repeatable.")
    List<String> allowEnv = new ArrayList<>();

    @Option(names = "--files", paramLabel = "DIR",
            description = "Give the agent read-only file tools over DIR from the MCP filesystem server (tools read_text_file, list_directory, search_files).")
    Path files;

    @Option(names = "--files-server", paramLabel = "PROGRAM", defaultValue = "mcp-server-filesystem",
            description = "The MCP filesystem server's program for --files (default ${DEFAULT-VALUE}, from npm @modelcontextprotocol/server-filesystem).")
    String filesServer;

    public static void main(String[] args) {
        System.exit(new CommandLine(new ReactAgentSample()).execute(args));
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (AgentFiles work = AgentFiles.write(model.modelYaml())) {
            Path agentFile = work.agentFile();
            if (files != null) addFileTools(agentFile, work.dir().resolve("files.yaml"));

            Handbook handbook = docs != null ? Handbook.fromDirectory(docs) : Handbook.bundled();
            out.println("Indexed " + handbook.report().documents() + " handbook pages (" + handbook.report().chunks()
                    + " chunks) with all-MiniLM-L6-v2 into an in-memory Lucene store.");
            out.flush();

            List<String> args = new ArrayList<>(List.of(agentFile.toString(), "--input", input));
            if (maxIterations != null) args.addAll(List.of("--max-iterations", maxIterations.toString()));
            if (maxWallTime != null) args.addAll(List.of("--max-wall-time", maxWallTime.toString()));
            for (String name : allowEnv) args.addAll(List.of("--allow-env", name));
            CommandLine agent = new CommandLine(new AgentCommand().bean("handbook", handbook.retriever()));
            agent.setOut(out);
            agent.setErr(err);
            return agent.execute(args.toArray(String[]::new));
        }
    }

    /**
     * Declares the MCP filesystem server's read-only tools over {@code --files} in {@code toolsFile}
     * and hands them to the agent of {@code agentFile}.
     */
    private void addFileTools(Path agentFile, Path toolsFile) throws IOException {
        if (!Files.isDirectory(files)) throw new CommandLine.ParameterException(spec.commandLine(), "--files " + files + " is not a directory");
        Files.writeString(toolsFile, fileTools(filesServer, files.toRealPath()));
        String agent = Files.readString(agentFile);
        String withTools = agent.replace("include: [model.yaml]", "include: [model.yaml, files.yaml]")
                .replace("tools: [{ref: calculator}, {ref: search_handbook}, {ref: http_get}]",
                        "tools: [{ref: calculator}, {ref: search_handbook}, {ref: http_get}, {ref: files}]");
        if (withTools.equals(agent)) throw new IllegalStateException("agent.yaml no longer has the include and tools lines --files extends");
        Files.writeString(agentFile, withTools);
    }

    /** The MCP tool component of --files: the filesystem server rooted at {@code dir}, only its reading tools. */
    static String fileTools(String server, Path dir) {
        return """
                apiVersion: catena/v1
                kind: Tool
                name: files
                type: mcp
                command: %s
                args: [%s]
                tools: [read_text_file, list_directory, search_files]
                callTimeoutMillis: 10000
                maxResultChars: 4000
                """.formatted(AgentFiles.quoted(server), AgentFiles.quoted(dir.toString()));
    }
}
