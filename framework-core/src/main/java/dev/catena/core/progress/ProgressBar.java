package dev.catena.core.progress;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A one-line progress bar for long work (downloads, ingestion, evaluation, benchmarks), e.g.
 * {@code model.gguf [##########----------]  50%  512.0/1024.0 MiB  85.3 MiB/s}. On a terminal it is
 * redrawn in place with {@code \r} whenever the whole percent changes; elsewhere (logs, pipes, CI) it
 * prints one plain line per 10% step, so a log holds at most eleven lines per bar.
 */
public final class ProgressBar {

    private static final int WIDTH = 20;

    private final PrintWriter out;
    private final boolean terminal;
    private final String label;
    private final Unit unit;
    private final LongSupplier nanoTime;
    private final long startNanos;
    private long lastStep = Long.MIN_VALUE;
    private long lastDrawNanos;
    private boolean drawn;

    ProgressBar(PrintWriter out, boolean terminal, String label, Unit unit, LongSupplier nanoTime) {
        this.out = out;
        this.terminal = terminal;
        this.label = label == null ? "" : label;
        this.unit = unit;
        this.nanoTime = nanoTime;
        this.startNanos = nanoTime.getAsLong();
    }

    /** A bar on {@code out}: redrawn in place when {@code terminal}, otherwise one line per 10% step. */
    public static ProgressBar to(PrintWriter out, boolean terminal, String label, Unit unit) {
        return new ProgressBar(out, terminal, label, unit, System::nanoTime);
    }

    /** Whether standard output and error go to a terminal a person watches (not a pipe, file or CI log). */
    public static boolean isTerminal() {
        var console = System.console();
        return console != null && console.isTerminal();
    }

    /** Shows that {@code done} of {@code total} units are done ({@code total} below 0: unknown). */
    public void update(long done, long total) {
        if (total < 0) {
            // unknown length: a terminal redraws at most ten times a second, a log waits for finish()
            if (terminal && (!drawn || nanoTime.getAsLong() - lastDrawNanos >= 100_000_000L)) {
                draw(done, total);
            }
            return;
        }
        long step = step(done, total);
        if (step != lastStep) {
            lastStep = step;
            draw(done, total);
        }
    }

    /** Ends the bar: draws the last state unless it is showing, and ends the line on a terminal. */
    public void finish(long done, long total) {
        long step = total < 0 ? -1 : step(done, total);
        if (!drawn || total < 0 || step != lastStep) {
            lastStep = step;
            draw(done, total);
        }
        if (terminal) {
            out.println();
        }
        out.flush();
    }

    /** The percent on a terminal, the 10% step elsewhere. */
    private long step(long done, long total) {
        long percent = total == 0 ? 100 : Math.min(100, Math.max(0, done * 100 / total));
        return terminal ? percent : percent / 10;
    }

    private void draw(long done, long total) {
        double seconds = (nanoTime.getAsLong() - startNanos) / 1e9;
        String text = render(label, done, total, seconds, unit);
        if (terminal) {
            out.print("\r" + text);
        } else {
            out.println(text);
        }
        out.flush();
        drawn = true;
        lastDrawNanos = nanoTime.getAsLong();
    }

    /** The bar text for {@code done} of {@code total} units after {@code seconds} (total below 0: unknown). */
    public static String render(String label, long done, long total, double seconds, Unit unit) {
        String prefix = label == null || label.isEmpty() ? "" : label + " ";
        double rate = seconds > 0 ? done / seconds : 0;
        if (total < 0) {
            return String.format(Locale.ROOT, "%s%s %s  %s %s/s", prefix, unit.amount(done), unit.name(), unit.rate(rate), unit.name());
        }
        double fraction = total == 0 ? 1 : Math.min(1, (double) done / total);
        int filled = (int) Math.round(fraction * WIDTH);
        return String.format(Locale.ROOT, "%s[%s%s] %3d%%  %s/%s %s  %s %s/s", prefix, "#".repeat(filled),
                "-".repeat(WIDTH - filled), Math.round(fraction * 100), unit.amount(done), unit.amount(total),
                unit.name(), unit.rate(rate), unit.name());
    }

    /** What the bar counts: whole items ({@code chunks}, {@code examples}) or bytes shown in MiB. */
    public record Unit(String name, double scale, boolean fractional) {

        /** Bytes, shown as MiB with one decimal. */
        public static final Unit BYTES = new Unit("MiB", 1024.0 * 1024.0, true);

        /** Whole items called {@code name}, e.g. {@code chunks}. */
        public static Unit count(String name) {
            return new Unit(name, 1, false);
        }

        String amount(double value) {
            return fractional ? String.format(Locale.ROOT, "%.1f", value / scale)
                    : String.format(Locale.ROOT, "%d", (long) value);
        }

        String rate(double perSecond) {
            return String.format(Locale.ROOT, "%.1f", perSecond / scale);
        }
    }
}
