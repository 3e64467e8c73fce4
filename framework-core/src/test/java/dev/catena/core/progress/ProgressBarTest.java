package dev.catena.core.progress;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressBarTest {

    private final StringWriter text = new StringWriter();
    private final AtomicLong clock = new AtomicLong();

    private ProgressBar bar(boolean terminal, ProgressBar.Unit unit) {
        return new ProgressBar(new PrintWriter(text), terminal, "m.gguf", unit, clock::get);
    }

    @Test
    void rendersPercentAmountsAndRate() {
        assertThat(ProgressBar.render("", 120, 240, 2.0, ProgressBar.Unit.count("chunks")))
                .isEqualTo("[##########----------]  50%  120/240 chunks  60.0 chunks/s");
        assertThat(ProgressBar.render("m.gguf", 512L << 20, 1024L << 20, 4.0, ProgressBar.Unit.BYTES))
                .isEqualTo("m.gguf [##########----------]  50%  512.0/1024.0 MiB  128.0 MiB/s");
        assertThat(ProgressBar.render("m.gguf", 3L << 20, -1, 0, ProgressBar.Unit.BYTES)).isEqualTo("m.gguf 3.0 MiB  0.0 MiB/s");
        assertThat(ProgressBar.render("", 0, 0, 0, ProgressBar.Unit.count("chunks")))
                .isEqualTo("[####################] 100%  0/0 chunks  0.0 chunks/s");
    }

    @Test
    void aLogGetsOnePlainLinePerTenPercent() {
        ProgressBar bar = bar(false, ProgressBar.Unit.count("examples"));
        for (int i = 0; i <= 1000; i++) {
            bar.update(i, 1000);
        }
        bar.finish(1000, 1000);
        assertThat(text.toString()).doesNotContain("\r");
        assertThat(text.toString().lines()).hasSize(11).first().asString().startsWith("m.gguf [--------------------]   0%");
        assertThat(text.toString().lines().toList().getLast()).startsWith("m.gguf [####################] 100%  1000/1000 examples");
    }

    @Test
    void aTerminalRedrawsInPlaceOnEachPercentAndEndsTheLine() {
        ProgressBar bar = bar(true, ProgressBar.Unit.BYTES);
        for (long i = 0; i <= 10_000; i++) {
            bar.update(i, 10_000);
        }
        bar.finish(10_000, 10_000);
        String drawn = text.toString();
        assertThat(drawn.chars().filter(c -> c == '\r').count()).isEqualTo(101);
        assertThat(drawn.indexOf('\n')).as("one line, ended once").isEqualTo(drawn.length() - 1);
    }

    @Test
    void unknownLengthRedrawsAtMostTenTimesASecondOnATerminalAndOnceInALog() {
        ProgressBar tty = bar(true, ProgressBar.Unit.BYTES);
        for (int i = 0; i < 50; i++) {
            clock.addAndGet(30_000_000L);
            tty.update(i << 20, -1);
        }
        long redraws = text.toString().chars().filter(c -> c == '\r').count();
        assertThat(redraws).isBetween(12L, 18L);

        text.getBuffer().setLength(0);
        ProgressBar log = bar(false, ProgressBar.Unit.BYTES);
        for (int i = 0; i < 50; i++) {
            log.update(i << 20, -1);
        }
        log.finish(50L << 20, -1);
        assertThat(text.toString().lines()).containsExactly("m.gguf 50.0 MiB  0.0 MiB/s");
    }
}
