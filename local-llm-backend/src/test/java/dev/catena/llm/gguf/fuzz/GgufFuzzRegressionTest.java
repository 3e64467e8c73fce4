package dev.catena.llm.gguf.fuzz;

import dev.catena.testing.FuzzCorpus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Replays the committed seeds and past findings of {@link GgufReaderFuzzer}. */
class GgufFuzzRegressionTest {
    @Test
    void ggufReaderSurvivesEveryCommittedInput() {
        assertThat(FuzzCorpus.replay(GgufReaderFuzzer.class)).isGreaterThanOrEqualTo(5);
    }
}
