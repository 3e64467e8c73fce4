package dev.catena.quarkus.deployment;

import dev.langchain4j.model.chat.ChatModel;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** The only configured chat model is the default one, whatever its name. */
class SingleModelDefaultTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .overrideConfigKey("quarkus.catena.models.solo.type", "scripted")
            .overrideConfigKey("quarkus.catena.models.solo.responses", "only one");

    @Inject
    ChatModel model;

    @Test
    void theOnlyModelIsInjectedWithoutQualifier() {
        assertThat(model.chat("x")).isEqualTo("only one");
    }
}
