package dev.catena.agents.react.fuzz;

import dev.catena.testing.FuzzCorpus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Replays the committed seeds and past findings of {@link ReActParserFuzzer}. */
class ReActParserFuzzRegressionTest {

    @Test
    void everyCommittedInputParses() {
        assertThat(FuzzCorpus.replay(ReActParserFuzzer.class)).isGreaterThan(5);
    }
}
