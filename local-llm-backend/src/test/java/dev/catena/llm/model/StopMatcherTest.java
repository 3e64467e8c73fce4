package dev.catena.llm.model;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StopMatcherTest {

    @Test
    void holdsBackAPossibleStopStringAndCutsAtIt() {
        StopMatcher m = new StopMatcher(List.of("<end>"));
        assertThat(m.append("Hello <e")).isEqualTo("Hello ");
        assertThat(m.append("n")).isEmpty();
        assertThat(m.append("d> more")).isEmpty();
        assertThat(m.stopped()).isTrue();
        assertThat(m.flush()).isEmpty();
    }

    @Test
    void releasesHeldTextWhenItTurnsOutNotToBeAStop() {
        StopMatcher m = new StopMatcher(List.of("<end>", "STOP"));
        assertThat(m.append("a <e")).isEqualTo("a ");
        assertThat(m.append("x")).isEqualTo("<ex");
        assertThat(m.append("ST")).isEmpty();
        assertThat(m.flush()).isEqualTo("ST");
        assertThat(m.stopped()).isFalse();
    }

    @Test
    void earliestStopWins() {
        StopMatcher m = new StopMatcher(List.of("cd", "b"));
        assertThat(m.append("abcd")).isEqualTo("a");
    }
}
