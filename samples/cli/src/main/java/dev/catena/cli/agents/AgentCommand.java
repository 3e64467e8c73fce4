package dev.catena.cli.agents;

import dev.catena.agents.Agent;
import dev.catena.agents.AgentResult;
import dev.catena.agents.yaml.AgentTypes;
import dev.catena.chains.yaml.CatenaFileException;
import dev.catena.chains.yaml.CatenaLoader;
import dev.catena.chains.yaml.ComponentDefinition;
import dev.catena.chains.yaml.ComponentRegistry;
import dev.catena.chains.yaml.Components;
import dev.catena.chains.yaml.Definition;
import dev.catena.core.runnable.RunConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code agent FILE.yaml --input "question"}: loads an agent ({@code kind: Agent}) from a Catena
 * file, runs it on the question and prints each step as it happens, then the final answer and the
 * stop reason. Mounted as subcommand {@code agent} of the {@code catena} command line; runs on its
 * own through {@link #main}.
 *
 * <p>Exit codes: {@value #ANSWERED} the agent answered; {@value #STOPPED} a bound (iterations, time,
 * tool calls, parse errors) stopped it without an answer, or ({@value #FAILED}) the run failed, for
 * example the model could not be reached; {@value #USAGE} bad command line, or ({@value #BAD_FILE}) the
 * file is missing or invalid or the agent cannot be created.
 */
@Command(name = "agent", mixinStandardHelpOptions = true,
        description = "Runs an agent declared in a Catena YAML file and prints its steps.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:the agent gave a final answer",
                "1:a bound stopped the agent without an answer, or the run failed (model or runtime error)",
                "2:invalid command line or file, or the agent could not be created"})
public final class AgentCommand implements Callable<Integer> {

    public static final int ANSWERED = 0;
    public static final int STOPPED = 1;
    public static final int USAGE = 2;
    public static final int BAD_FILE = 2;
    public static final int FAILED = 1;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The YAML file declaring the agent (and its model and tools).")
    Path file;

    @Parameters(index = "1", arity = "0..1", paramLabel = "QUESTION", description = "The question (instead of --input).")
    String positionalQuestion;

    @Option(names = {"-i", "--input"}, paramLabel = "TEXT", description = "The question for the agent.")
    String input;

    @Option(names = "--agent", paramLabel = "NAME",
            description = "Which agent of the file to run (default: the only agent no other agent uses).")
    String agentName;

    @Option(names = "--allow-env", paramLabel = "NAME",
            description = "An environment variable the file may read with $${env:NAME}; repeatable.")
    List<String> allowEnv = new ArrayList<>();

    @Option(names = "--max-iterations", paramLabel = "N",
            description = "Most model turns (plan-and-execute: most steps), overriding the file.")
    Integer maxIterations;

    @Option(names = "--max-wall-time", paramLabel = "SECONDS",
            description = "Most time for the whole run, in seconds, overriding the file.")
    Integer maxWallTimeSeconds;

    private final Map<String, Object> beans = new LinkedHashMap<>();

    /** A command without host beans. */
    public AgentCommand() {}

    /** Registers a host object that the file may reference as {@code {bean: name}} (a retriever, a tool object). */
    public AgentCommand bean(String name, Object bean) {
        beans.put(name, bean);
        return this;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new AgentCommand()).execute(args));
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String question = question();
        if (maxIterations != null && maxIterations < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--max-iterations must be at least 1, was " + maxIterations);
        }
        if (maxWallTimeSeconds != null && (maxWallTimeSeconds < 1 || maxWallTimeSeconds > Integer.MAX_VALUE / 1000)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--max-wall-time must be between 1 and "
                    + Integer.MAX_VALUE / 1000 + " seconds, was " + maxWallTimeSeconds);
        }
        if (!Files.isRegularFile(file)) {
            error("file not found: " + file);
            return BAD_FILE;
        }
        Agent agent;
        try {
            agent = load();
        } catch (CatenaFileException e) {
            error(file + " is invalid:");
            e.errors().forEach(error -> err.println("  " + error));
            return BAD_FILE;
        } catch (IllegalArgumentException e) {
            error(e.getMessage());
            return BAD_FILE;
        }
        StepPrinter printer = new StepPrinter(out);
        out.println("Question: " + question);
        out.flush();
        AgentResult result;
        try {
            result = agent.invoke(question, RunConfig.builder().runName("agent " + agent.name()).addCallback(printer).build());
        } catch (RuntimeException e) {
            out.flush();
            error("the run of '" + agent.name() + "' failed: " + message(e));
            return FAILED;
        }
        printer.printEnd(result);
        return result.answered() ? ANSWERED : STOPPED;
    }

    private String question() {
        if (input != null && positionalQuestion != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give the question either as QUESTION or with --input, not both");
        }
        String q = input != null ? input : positionalQuestion;
        if (q == null || q.isBlank()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "missing question: use --input \"...\"");
        }
        return q;
    }

    private Agent load() {
        ComponentRegistry registry = ComponentRegistry.fromServiceLoader();
        if (maxIterations != null || maxWallTimeSeconds != null) {
            registry = LimitOverride.apply(registry, maxIterations, maxWallTimeSeconds == null ? null : maxWallTimeSeconds * 1000);
        }
        CatenaLoader.Builder builder = CatenaLoader.builder().registry(registry).allowEnv(allowEnv.toArray(String[]::new));
        beans.forEach(builder::bean);
        CatenaLoader loader = builder.build();
        Definition definition = loader.read(file);
        Components components = loader.components(definition);
        return components.get(chooseAgent(definition), Agent.class);
    }

    /** The agent to run: --agent, or the only agent of the file that no other agent uses as executor. */
    private String chooseAgent(Definition definition) {
        List<String> agents = definition.names("Agent");
        if (agentName != null) {
            if (!agents.contains(agentName)) {
                throw new IllegalArgumentException("no agent named '" + agentName + "' in " + file + " (agents: " + names(agents) + ")");
            }
            return agentName;
        }
        Set<String> used = new HashSet<>();
        for (ComponentDefinition d : definition.components().values()) {
            if (d.spec() instanceof AgentTypes.PlanSpec plan && plan.executor().ref() != null) used.add(plan.executor().ref());
        }
        List<String> top = agents.stream().filter(a -> !used.contains(a)).toList();
        if (top.size() == 1) return top.getFirst();
        if (top.isEmpty()) throw new IllegalArgumentException(file + " declares no agent (kind: Agent)");
        throw new IllegalArgumentException(file + " declares several agents (" + names(top) + "); choose one with --agent NAME");
    }

    /** One error line, {@code catena: message} (the root command's name first). */
    private void error(String message) {
        spec.commandLine().getErr().println(spec.root().name() + ": " + message);
    }

    private static String names(List<String> names) {
        return names.isEmpty() ? "none" : String.join(", ", names);
    }

    private static String message(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
