package dev.catena.llm.template.fuzz;

import dev.catena.testing.FuzzCorpus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Replays the committed seeds and past findings of {@link ChatTemplateFuzzer}. */
class ChatTemplateFuzzerTest {

    @Test
    void committedInputsOnlyRaiseTheDocumentedException() {
        assertThat(FuzzCorpus.replay(ChatTemplateFuzzer.class)).isGreaterThanOrEqualTo(10);
    }
}
