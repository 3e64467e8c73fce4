package dev.catena.retrievers.chroma.fuzz;

import dev.catena.testing.FuzzCorpus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Replays the committed seeds and past findings of {@link ChromaResponsesFuzzer}. */
class ChromaResponsesFuzzRegressionTest {

    @Test
    void everyCommittedInputDecodesOrFailsAsDocumented() {
        assertThat(FuzzCorpus.replay(ChromaResponsesFuzzer.class)).isGreaterThan(5);
    }
}
