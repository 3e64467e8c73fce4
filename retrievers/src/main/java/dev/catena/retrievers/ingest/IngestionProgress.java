package dev.catena.retrievers.ingest;

import dev.catena.core.progress.ProgressBar;

import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * Shows an ingestion's progress as a {@link ProgressBar} of chunks, e.g.
 * {@code [##########----------]  50%  120/240 chunks  85.3 chunks/s}: redrawn in place on a
 * terminal, one line per 10% step otherwise (logs, CI).
 */
public final class IngestionProgress implements IngestionListener {

    private final PrintWriter out;
    private final boolean terminal;
    private ProgressBar bar;
    private int total;

    private IngestionProgress(PrintStream out, boolean terminal) {
        this.out = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true);
        this.terminal = terminal;
    }

    /** Progress on standard error, redrawn in place when a terminal is attached. */
    public static IngestionProgress console() {
        return new IngestionProgress(System.err, ProgressBar.isTerminal());
    }

    /** Progress on {@code out}; {@code terminal} redraws one line in place, otherwise prints every 10%. */
    public static IngestionProgress to(PrintStream out, boolean terminal) {
        return new IngestionProgress(out, terminal);
    }

    @Override
    public void onStart(int toStore, int skipped) {
        if (skipped > 0) out.println("skipping " + skipped + " chunks already ingested");
        total = toStore;
        bar = ProgressBar.to(out, terminal, "", ProgressBar.Unit.count("chunks"));
        bar.update(0, toStore);
    }

    @Override
    public void onBatch(int stored, int toStore) {
        bar.update(stored, toStore);
    }

    @Override
    public void onFinish(IngestionReport report) {
        if (bar != null) bar.finish(report.added(), total);
        out.flush();
    }
}
