package dev.catena.cli.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.catena.agents.Agent;
import dev.catena.agents.AgentResult;
import dev.catena.agents.StopReason;
import dev.catena.chains.yaml.CatenaLoader;
import dev.catena.chains.yaml.ComponentRegistry;
import dev.catena.chains.yaml.Definition;
import dev.catena.core.eval.EvalCase;
import dev.catena.core.eval.EvalDataset;
import dev.catena.core.eval.EvalReport;
import dev.catena.core.eval.Evaluation;
import dev.catena.core.eval.Scorer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code catena eval agent FILE --dataset TASKS.jsonl}: runs an agent declared in a Catena file over every task of a
 * dataset, for each seed and with and/or without constrained decoding, then prints a table (tasks solved, replies
 * that did not parse, tool calls) and writes every run as JSON. A task is solved when the agent ends with a final
 * answer that the task's scorer accepts (its {@code scorer} field: {@code contains}, {@code exact} or
 * {@code numeric}). The seed replaces the {@code seed} of the file's local GGUF models. Each run's steps go into the
 * JSON (and, with {@code --steps}, to the output), to read why a task failed.
 */
@Command(name = "agent", mixinStandardHelpOptions = true,
        description = "Runs an agent over a dataset of tasks, with and without constrained decoding, and reports how many it solved.")
public final class AgentEvalCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The Catena file declaring the agent (and its model and tools).")
    Path file;

    @Option(names = "--dataset", required = true, paramLabel = "JSONL",
            description = "The tasks: one JSON object a line with input, expected and optionally id and scorer.")
    Path dataset;

    @Option(names = "--agent", paramLabel = "NAME", description = "Which agent of the file (default: the file's only agent).")
    String agentName;

    @Option(names = "--constraints", paramLabel = "MODE", defaultValue = "both",
            description = "Constrained decoding: on, off or both (default: ${DEFAULT-VALUE}).")
    ConstraintMode constraints;

    @Option(names = "--seeds", paramLabel = "N", defaultValue = "1", description = "Runs per mode, seeds first-seed.. (default: ${DEFAULT-VALUE}).")
    int seeds;

    @Option(names = "--first-seed", paramLabel = "S", defaultValue = "1", description = "The first seed (default: ${DEFAULT-VALUE}).")
    long firstSeed;

    @Option(names = "--scorer", paramLabel = "NAME", defaultValue = "contains",
            description = "The scorer of tasks that name none: contains, exact or numeric (default: ${DEFAULT-VALUE}).")
    String scorer;

    @Option(names = "--tolerance", paramLabel = "X", defaultValue = "0.01",
            description = "Relative tolerance of the numeric scorer (default: ${DEFAULT-VALUE}).")
    double tolerance;

    @Option(names = "--limit", paramLabel = "N", description = "Run only the first N tasks.")
    Integer limit;

    @Option(names = "--allow-env", paramLabel = "NAME", description = "An environment variable the file may read with $${env:NAME}; repeatable.")
    List<String> allowEnv = new ArrayList<>();

    @Option(names = "--out", paramLabel = "JSON", defaultValue = "eval-agent.json", description = "Where the JSON results go (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--steps", description = "Also print every run's steps (thoughts, actions, observations, answer) after its line.")
    boolean steps;

    private final Map<String, Object> beans = new LinkedHashMap<>();

    /** A command without host beans. */
    public AgentEvalCommand() {}

    /** Registers a host object that the file may reference as {@code {bean: name}} (a retriever, a tool object). */
    public AgentEvalCommand bean(String name, Object bean) {
        beans.put(name, bean);
        return this;
    }

    @Override
    public Integer call() throws IOException {
        if (seeds < 1) throw new CommandLine.ParameterException(spec.commandLine(), "--seeds must be at least 1, was " + seeds);
        if (limit != null && limit < 1) throw new CommandLine.ParameterException(spec.commandLine(), "--limit must be at least 1, was " + limit);
        if (!List.of("contains", "exact", "numeric").contains(scorer)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--scorer must be contains, exact or numeric, was " + scorer);
        }
        if (!Files.isRegularFile(file)) throw new IllegalArgumentException("agent file not found: " + file);
        if (!Files.isRegularFile(dataset)) throw new IllegalArgumentException("dataset not found: " + dataset);
        List<EvalCase> cases = EvalDataset.read(dataset);
        if (limit != null) cases = cases.subList(0, Math.min(limit, cases.size()));
        PrintWriter stdout = spec.commandLine().getOut();
        String agent = chooseAgent(loader(ComponentRegistry.fromServiceLoader()).read(file));
        List<AgentEvalRun> runs = new ArrayList<>();
        for (boolean constrained : constraints.runs()) {
            for (long seed = firstSeed; seed < firstSeed + seeds; seed++) {
                runs.add(run(agent, cases, constrained, seed, stdout));
            }
        }
        stdout.print(AgentEvalRun.table(runs));
        write(agent, runs);
        stdout.println("Results written to " + out);
        stdout.flush();
        return 0;
    }

    private AgentEvalRun run(String agentName, List<EvalCase> cases, boolean constrained, long seed, PrintWriter stdout) {
        String label = (constrained ? "constrained" : "unconstrained") + " seed " + seed;
        Agent agent = loader(ModelOverrides.apply(ComponentRegistry.fromServiceLoader(), seed, constrained)).load(file).get(agentName, Agent.class);
        List<AgentTally> tallies = new ArrayList<>();
        AgentResult[] last = new AgentResult[1];
        EvalReport report = Evaluation.of(agentName, agent, Scorer.byCase(scorer, tolerance)).outputText(r -> {
            last[0] = r;
            return r.stopReason() == StopReason.FINAL_ANSWER ? r.output() : "[" + r.stopReason() + "]";
        }).run(cases, r -> {
            AgentTally tally = last[0] == null ? AgentTally.FAILED : AgentTally.of(last[0]);
            last[0] = null;
            tallies.add(tally);
            stdout.printf(Locale.ROOT, "%s %s: %s, %d tool calls, %d parse errors (%d ms)%n", label, r.evalCase().id(),
                    r.score().passed() ? "pass" : "fail", tally.toolCalls(), tally.parseErrors(), r.latency().toMillis());
            if (steps) tally.transcript().forEach(line -> stdout.println("    " + line));
            stdout.flush();
        });
        return new AgentEvalRun(constrained, seed, report, tallies);
    }

    private CatenaLoader loader(ComponentRegistry registry) {
        CatenaLoader.Builder builder = CatenaLoader.builder().registry(registry).allowEnv(allowEnv.toArray(String[]::new));
        beans.forEach(builder::bean);
        return builder.build();
    }

    private String chooseAgent(Definition definition) {
        List<String> agents = definition.names("Agent");
        if (agentName != null) {
            if (!agents.contains(agentName)) {
                throw new IllegalArgumentException("no agent named '" + agentName + "' in " + file + " (agents: " + String.join(", ", agents) + ")");
            }
            return agentName;
        }
        if (agents.size() != 1) {
            throw new IllegalArgumentException(file + " declares " + (agents.isEmpty() ? "no agent" : "agents " + String.join(", ", agents)
                    + "; name one with --agent"));
        }
        return agents.getFirst();
    }

    private void write(String agent, List<AgentEvalRun> runs) throws IOException {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = json.createObjectNode();
        root.put("agent", agent).put("file", file.toString()).put("dataset", dataset.toString());
        ArrayNode array = root.putArray("runs");
        runs.forEach(r -> array.add(r.toJson()));
        if (out.toAbsolutePath().getParent() != null) Files.createDirectories(out.toAbsolutePath().getParent());
        json.writeValue(out.toFile(), root);
    }
}
