package dev.catena.samples.react;

import dev.catena.cli.agents.AgentCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The ReAct agent sample: indexes the observatory handbook, writes the agent's files into a working
 * directory (the bundled {@code agent.yaml} and a {@code model.yaml} naming the model) and runs the
 * agent through {@link AgentCommand}, which prints every step. Exit codes are those of
 * {@link AgentCommand}.
 */
@Command(name = "react-agent", mixinStandardHelpOptions = true,
        description = "Asks the observatory ReAct agent (calculator, handbook search, allow-listed HTTP GET) a question and prints its steps.")
public final class ReactAgentSample implements Callable<Integer> {

    /** The model file name that {@code .ci/setup.d/10-gemma.sh} installs. */
    public static final String GEMMA_FILE = "gemma-3-270m-q4_k_m.gguf";

    @Spec
    CommandSpec spec;

    @Option(names = {"-i", "--input"}, required = true, paramLabel = "TEXT", description = "The question.")
    String input;

    @Option(names = "--model-file", paramLabel = "YAML",
            description = "A Catena file declaring the Model component named 'model' (default: the local Gemma 3 270M GGUF file).")
    Path modelFile;

    @Option(names = "--gguf", paramLabel = "FILE",
            description = "The GGUF file of the default local model (default: $CATENA_MODEL_DIR or ~/.cache/catena/models, then " + GEMMA_FILE + ").")
    Path gguf;

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
        Path work = Files.createTempDirectory("catena-react-agent");
        try {
            Path agentFile = work.resolve("agent.yaml");
            copyResource("react-agent/agent.yaml", agentFile);
            if (files != null) addFileTools(agentFile, work.resolve("files.yaml"));
            String model = modelFile != null ? readModelFile(modelFile) : localModel(defaultGguf());
            Files.writeString(work.resolve("model.yaml"), model);

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
        } finally {
            deleteTree(work);
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
                """.formatted(quoted(server), quoted(dir.toString()));
    }

    /** The default local model's file: --gguf, else $CATENA_MODEL_DIR or ~/.cache/catena/models, then the Gemma file. */
    Path defaultGguf() {
        if (gguf != null) return gguf.toAbsolutePath();
        return dev.catena.llm.pull.ModelPuller.defaultModelDir().resolve(GEMMA_FILE).toAbsolutePath();
    }

    /** The model.yaml of the default local model: greedy decoding, short answers. */
    static String localModel(Path gguf) {
        return """
                apiVersion: catena/v1
                kind: Model
                name: model
                type: local-gguf
                path: %s
                temperature: 0
                maxTokens: 256
                """.formatted(quoted(gguf.toString()));
    }

    private String readModelFile(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--model-file " + file + " does not exist");
        }
        return Files.readString(file);
    }

    private static String quoted(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    private static void copyResource(String name, Path target) throws IOException {
        try (InputStream in = ReactAgentSample.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException(name + " is missing from the class path");
            Files.copy(in, target);
        }
    }

    private static void deleteTree(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // a leftover temporary directory is harmless
        }
    }
}
