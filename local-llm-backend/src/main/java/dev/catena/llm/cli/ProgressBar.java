package dev.catena.llm.cli;

import java.io.PrintWriter;

/** A one-line text progress bar for downloads, redrawn in place with carriage returns. */
final class ProgressBar {

    private static final int WIDTH = 30;
    private final PrintWriter out;
    private long lastDraw;

    ProgressBar(PrintWriter out) {
        this.out = out;
    }

    void update(String name, long done, long total) {
        long now = System.nanoTime();
        if (now - lastDraw < 100_000_000L && done != total) {
            return;
        }
        lastDraw = now;
        out.print("\r" + render(name, done, total));
        out.flush();
    }

    void done() {
        out.println();
        out.flush();
    }

    static String render(String name, long done, long total) {
        if (total <= 0) {
            return String.format("%s %s", name, mib(done));
        }
        int filled = (int) Math.min(WIDTH, done * WIDTH / total);
        return String.format("%s [%s%s] %3d%% %s / %s", name, "#".repeat(filled), " ".repeat(WIDTH - filled),
                done * 100 / total, mib(done), mib(total));
    }

    private static String mib(long bytes) {
        return String.format("%.1f MiB", bytes / (1024.0 * 1024.0));
    }
}
