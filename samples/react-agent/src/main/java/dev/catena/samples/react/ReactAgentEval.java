package dev.catena.samples.react;

import dev.catena.cli.eval.AgentEvalCommand;
import dev.catena.core.eval.EvalCase;
import dev.catena.core.eval.EvalDataset;
import dev.catena.core.eval.Scorer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The observatory agent of {@link ReactAgentSample} evaluated over a dataset of tasks (by default the bundled
 * {@code react-agent/eval/tasks.jsonl}: calculator and handbook questions) by {@code catena eval agent}
 * ({@link AgentEvalCommand}) with the handbook registered as its bean: per mode (constrained decoding or not) and
 * seed, the tasks solved, replies that did not parse and tool calls, as a table and as JSON. A case passes when the
 * agent ends with a final answer that the case's scorer accepts ({@code "scorer": "numeric"}, within 1%, or
 * {@code "contains"}). Options it does not know ({@code --seeds}, {@code --constraints}, {@code --limit},
 * {@code --steps}, ...) go to {@code catena eval agent}.
 */
@Command(name = "react-agent-eval", mixinStandardHelpOptions = true,
        description = "Runs the observatory ReAct agent over an evaluation dataset and reports how many tasks it solved. "
                + "Other options (--seeds N, --first-seed S, --constraints on|off|both, --limit N, --steps) go to 'catena eval agent'.")
public final class ReactAgentEval implements Callable<Integer> {

    /** The bundled dataset on the class path. */
    public static final String TASKS = "react-agent/eval/tasks.jsonl";

    /** The agent of the bundled agent file. */
    static final String AGENT = "observatory-assistant";

    /** Scores a case with the scorer its {@code scorer} field names (numeric within 1%, by default contains). */
    static final Scorer BY_CASE = Scorer.byCase("contains", 0.01);

    @Spec
    CommandSpec spec;

    @Mixin
    ModelChoice model;

    @Option(names = "--dataset", paramLabel = "JSONL", description = "The tasks (default: the bundled calculator and handbook tasks).")
    Path dataset;

    @Option(names = "--out", paramLabel = "JSON", defaultValue = "target/react-agent-eval.json",
            description = "Where the JSON results go (default: ${DEFAULT-VALUE}).")
    Path out;

    @Unmatched
    List<String> evalOptions = new ArrayList<>();

    public static void main(String[] args) {
        System.exit(new CommandLine(new ReactAgentEval()).execute(args));
    }

    @Override
    public Integer call() throws IOException {
        try (AgentFiles work = AgentFiles.write(model.modelYaml())) {
            Path tasks = dataset != null ? dataset : work.copyResource(TASKS, "tasks.jsonl");
            Handbook handbook = Handbook.bundled();
            List<String> args = new ArrayList<>(List.of(work.agentFile().toString(), "--agent", AGENT, "--dataset", tasks.toString(),
                    "--out", out.toString()));
            args.addAll(evalOptions);
            CommandLine eval = new CommandLine(new AgentEvalCommand().bean("handbook", handbook.retriever()));
            eval.setOut(spec.commandLine().getOut());
            eval.setErr(spec.commandLine().getErr());
            return eval.execute(args.toArray(String[]::new));
        }
    }

    /** The bundled tasks. */
    static List<EvalCase> bundledTasks() throws IOException {
        try (InputStream in = ReactAgentEval.class.getClassLoader().getResourceAsStream(TASKS)) {
            if (in == null) throw new IllegalStateException(TASKS + " is missing from the class path");
            return EvalDataset.parse(Arrays.asList(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")), TASKS);
        }
    }
}
