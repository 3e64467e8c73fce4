package dev.catena.quarkus.runtime.devui;

import dev.catena.core.runnable.RunConfig;
import dev.catena.core.runnable.Runnable;
import dev.catena.core.runnable.Runnables;
import org.junit.jupiter.api.Test;

import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The trace ring keeps the last root runs as trees of their child runs, bounded in roots and children. */
class RunTracesTest {

    @Test
    void keepsTheLastRootsNewestFirstWithTheirChildRuns() {
        RunTraces traces = new RunTraces(2);
        RunConfig config = RunConfig.builder().addCallback(traces).build();
        Runnable<String, String> chain = Runnables.<String, String>lambda("upper", String::toUpperCase)
                .pipe(Runnables.lambda("exclaim", s -> s + "!"));

        chain.withConfig(RunConfig.builder().runName("first").build()).invoke("a", config);
        chain.withConfig(RunConfig.builder().runName("second").build()).invoke("b", config);
        chain.withConfig(RunConfig.builder().runName("third").build()).invoke("c", config);

        assertThat(traces.traces()).extracting(RunNode::name).containsExactly("third", "second");
        RunNode third = traces.traces().getFirst();
        assertThat(third.status()).isEqualTo("success");
        assertThat(third.input()).isEqualTo("c");
        assertThat(third.output()).isEqualTo("C!");
        assertThat(third.durationMillis()).isGreaterThanOrEqualTo(0);
        assertThat(third.children()).extracting(RunNode::name).containsExactly("upper", "exclaim");
        assertThat(third.children()).extracting(RunNode::output).containsExactly("C", "C!");
    }

    @Test
    void aFailedRunIsAnErrorWithItsMessage() {
        RunTraces traces = new RunTraces(5);
        Runnable<String, String> failing = Runnables.lambda("broken", s -> {
            throw new IllegalStateException("no " + s);
        });

        assertThatThrownBy(() -> failing.invoke("way", RunConfig.builder().addCallback(traces).build()));

        RunNode run = traces.traces().getFirst();
        assertThat(run.status()).isEqualTo("error");
        assertThat(run.output()).isEqualTo("IllegalStateException: no way");
    }

    @Test
    void childrenAndTextsAreBounded() {
        RunTraces traces = new RunTraces(1);
        Runnable<String, String> step = Runnables.lambda("step", s -> s);
        Runnable<String, Integer> loop = new Runnable<>() {
            @Override
            public Integer doInvoke(String input, dev.catena.core.runnable.RunContext run) {
                IntStream.range(0, RunTraces.MAX_CHILDREN + 5).forEach(i -> step.invoke(input, run.child()));
                return RunTraces.MAX_CHILDREN + 5;
            }

            @Override
            public String name() {
                return "loop";
            }
        };
        loop.invoke("x".repeat(RunTraces.MAX_TEXT + 10), RunConfig.builder().addCallback(traces).build());

        RunNode run = traces.traces().getFirst();
        assertThat(run.children()).hasSize(RunTraces.MAX_CHILDREN);
        assertThat(run.output()).endsWith("(5 more child runs not kept)");
        assertThat(run.input()).isEqualTo("x".repeat(RunTraces.MAX_TEXT) + "... (510 chars)");
    }
}
