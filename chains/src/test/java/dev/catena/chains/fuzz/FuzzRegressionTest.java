package dev.catena.chains.fuzz;

import dev.catena.testing.FuzzCorpus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Replays the committed fuzz inputs of the chains module's targets. */
class FuzzRegressionTest {
    @Test
    void yamlLoaderSurvivesEveryCommittedInput() {
        assertThat(FuzzCorpus.replay(YamlLoaderFuzzer.class)).isPositive();
    }
}
