package dev.catena.llm.tokenizer.fuzz;

import dev.catena.testing.FuzzCorpus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Replays the committed seeds and past findings of {@link TokenizerFuzzer}. */
class TokenizerFuzzRegressionTest {
    @Test
    void tokenizersSurviveEveryCommittedInput() {
        assertThat(FuzzCorpus.replay(TokenizerFuzzer.class)).isGreaterThanOrEqualTo(12);
    }
}
