package dev.catena.retrievers.ingest;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Draws ingestion progress as a one-line bar, e.g.
 * {@code [##########----------]  50%  120/240 chunks  85.3 chunks/s}, redrawn in place with
 * {@code \r} on a terminal, or as one line per 10% step when the output is not a terminal (logs, CI).
 */
public final class ProgressBar implements IngestionListener {

    private static final int WIDTH = 20;

    private final PrintStream out;
    private final boolean interactive;
    private final LongSupplier nanoTime;
    private long startNanos;
    private int lastDecile = -1;

    ProgressBar(PrintStream out, boolean interactive, LongSupplier nanoTime) {
        this.out = out;
        this.interactive = interactive;
        this.nanoTime = nanoTime;
    }

    /** A bar on standard error, redrawn in place when a terminal is attached. */
    public static ProgressBar console() {
        return new ProgressBar(System.err, System.console() != null, System::nanoTime);
    }

    /** A bar on {@code out}; {@code interactive} redraws one line in place, otherwise prints every 10%. */
    public static ProgressBar to(PrintStream out, boolean interactive) {
        return new ProgressBar(out, interactive, System::nanoTime);
    }

    @Override
    public void onStart(int toStore, int skipped) {
        startNanos = nanoTime.getAsLong();
        lastDecile = -1;
        if (skipped > 0) out.println("skipping " + skipped + " chunks already ingested");
        draw(0, toStore);
    }

    @Override
    public void onBatch(int stored, int toStore) {
        draw(stored, toStore);
    }

    @Override
    public void onFinish(IngestionReport report) {
        if (interactive) out.println();
        out.flush();
    }

    private void draw(int done, int total) {
        int decile = total == 0 ? 10 : (int) (10L * done / total);
        if (!interactive && decile == lastDecile) return;
        lastDecile = decile;
        out.print((interactive ? "\r" : "") + render(done, total, (nanoTime.getAsLong() - startNanos) / 1e9)
                + (interactive ? "" : "\n"));
        out.flush();
    }

    /** The bar text for {@code done} of {@code total} chunks after {@code seconds}. */
    static String render(int done, int total, double seconds) {
        double fraction = total == 0 ? 1 : (double) done / total;
        int filled = (int) Math.round(fraction * WIDTH);
        double rate = seconds > 0 ? done / seconds : 0;
        return String.format(Locale.ROOT, "[%s%s] %3d%%  %d/%d chunks  %.1f chunks/s",
                "#".repeat(filled), "-".repeat(WIDTH - filled), Math.round(fraction * 100), done, total, rate);
    }
}
