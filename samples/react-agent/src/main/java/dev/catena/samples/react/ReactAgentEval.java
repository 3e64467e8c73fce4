package dev.catena.samples.react;

import dev.catena.agents.Agent;
import dev.catena.agents.AgentResult;
import dev.catena.agents.StopReason;
import dev.catena.chains.yaml.CatenaLoader;
import dev.catena.core.eval.EvalCase;
import dev.catena.core.eval.EvalDataset;
import dev.catena.core.eval.EvalReport;
import dev.catena.core.eval.Evaluation;
import dev.catena.core.eval.Scorer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * The observatory agent of {@link ReactAgentSample} evaluated over a dataset of tasks (by default the bundled
 * {@code react-agent/eval/tasks.jsonl}: calculator and handbook questions): prints a table of the results and
 * writes them as JSON. A case passes when the agent ends with a final answer that the case's scorer accepts
 * ({@code "scorer": "numeric"}, within 1%, or {@code "contains"}).
 */
@Command(name = "react-agent-eval", mixinStandardHelpOptions = true,
        description = "Runs the observatory ReAct agent over an evaluation dataset and reports how many tasks it solved.")
public final class ReactAgentEval implements Callable<Integer> {

    /** The bundled dataset on the class path. */
    public static final String TASKS = "react-agent/eval/tasks.jsonl";

    /** Scores a case with the scorer its {@code scorer} field names (numeric within 1%, by default contains). */
    static final Scorer BY_CASE = Scorer.byCase("contains", 0.01);

    @Spec
    CommandSpec spec;

    @Option(names = "--dataset", paramLabel = "JSONL", description = "The tasks (default: the bundled calculator and handbook tasks).")
    Path dataset;

    @Option(names = "--model-file", paramLabel = "YAML",
            description = "A Catena file declaring the Model component named 'model' (default: the local Gemma 3 270M GGUF file).")
    Path modelFile;

    @Option(names = "--gguf", paramLabel = "FILE", description = "The GGUF file of the default local model.")
    Path gguf;

    @Option(names = "--limit", paramLabel = "N", description = "Run only the first N tasks.")
    Integer limit;

    @Option(names = "--out", paramLabel = "JSON", defaultValue = "target/react-agent-eval.json",
            description = "Where the JSON report goes (default: ${DEFAULT-VALUE}).")
    Path out;

    public static void main(String[] args) {
        System.exit(new CommandLine(new ReactAgentEval()).execute(args));
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        List<EvalCase> cases = dataset != null ? EvalDataset.read(dataset) : bundledTasks();
        if (limit != null) cases = cases.subList(0, Math.min(limit, cases.size()));
        Path work = Files.createTempDirectory("catena-react-eval");
        try {
            Path agentFile = work.resolve("agent.yaml");
            try (InputStream in = resource("react-agent/agent.yaml")) {
                Files.copy(in, agentFile);
            }
            ReactAgentSample sample = new ReactAgentSample();
            sample.gguf = gguf;
            String model = modelFile != null ? Files.readString(modelFile) : ReactAgentSample.localModel(sample.defaultGguf());
            Files.writeString(work.resolve("model.yaml"), model);
            Handbook handbook = Handbook.bundled();
            Agent agent = CatenaLoader.builder().bean("handbook", handbook.retriever()).build().load(agentFile)
                    .get("observatory-assistant", Agent.class);

            EvalReport report = Evaluation.of("react-agent", agent, BY_CASE).outputText(ReactAgentEval::answer)
                    .run(cases, r -> {
                        stdout.printf(Locale.ROOT, "%s: %s (%d ms)%n", r.evalCase().id(), r.score().passed() ? "pass" : "fail",
                                r.latency().toMillis());
                        stdout.flush();
                    });
            stdout.print(report.table());
            report.write(out);
            stdout.println("Report written to " + out);
            stdout.flush();
            return 0;
        } finally {
            try (var paths = Files.walk(work)) {
                for (Path p : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) Files.deleteIfExists(p);
            }
        }
    }

    /** The bundled tasks. */
    static List<EvalCase> bundledTasks() throws IOException {
        try (InputStream in = resource(TASKS)) {
            return EvalDataset.parse(Arrays.asList(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")), TASKS);
        }
    }

    /** The final answer; a run stopped by a bound has none (its stop reason in brackets, which no scorer accepts). */
    static String answer(AgentResult result) {
        return result.stopReason() == StopReason.FINAL_ANSWER ? result.output() : "[" + result.stopReason() + "]";
    }

    private static InputStream resource(String name) {
        InputStream in = ReactAgentEval.class.getClassLoader().getResourceAsStream(name);
        if (in == null) throw new IllegalStateException(name + " is missing from the class path");
        return in;
    }
}
