package dev.catena.quarkus.deployment;

import dev.langchain4j.model.chat.ChatModel;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every field of the local-gguf spec is reachable from properties (top-k, top-p, seed, kv-cache...),
 * on a small reference GGUF file.
 */
class LocalModelPropertiesTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .overrideConfigKey("quarkus.catena.models.tiny.type", "local-gguf")
            .overrideConfigKey("quarkus.catena.models.tiny.path", System.getProperty("catena.test.gguf"))
            .overrideConfigKey("quarkus.catena.models.tiny.threads", "1")
            .overrideConfigKey("quarkus.catena.models.tiny.max-tokens", "2")
            .overrideConfigKey("quarkus.catena.models.tiny.temperature", "0.7")
            .overrideConfigKey("quarkus.catena.models.tiny.top-k", "5")
            .overrideConfigKey("quarkus.catena.models.tiny.top-p", "0.9")
            .overrideConfigKey("quarkus.catena.models.tiny.seed", "7")
            .overrideConfigKey("quarkus.catena.models.tiny.kv-cache", "f16")
            .overrideConfigKey("quarkus.catena.models.tiny.chat-template", "transcript")
            .overrideConfigKey("quarkus.catena.models.tiny.slots", "8")
            .overrideConfigKey("quarkus.catena.models.tiny.queue-capacity", "5");

    @Inject
    ChatModel tiny;

    @Test
    void theLocalModelStartsFromPropertiesAndAnswers() {
        assertThat(tiny.chat("hello")).isNotNull();
        assertThat(tiny.getClass().getSimpleName()).isEqualTo("LocalChatModel");
        var batch = ((dev.catena.llm.chat.LocalChatModel) tiny).scheduler().config();
        assertThat(batch.slots()).isEqualTo(8);
        assertThat(batch.queueCapacity()).isEqualTo(5);
    }
}
