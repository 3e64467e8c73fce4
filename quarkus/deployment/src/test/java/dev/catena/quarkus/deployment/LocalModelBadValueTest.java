package dev.catena.quarkus.deployment;

import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

/** A value the spec record rejects (an unknown KV cache format) fails the start with the entry's key and the reason. */
class LocalModelBadValueTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .overrideConfigKey("quarkus.catena.models.tiny.type", "local-gguf")
            .overrideConfigKey("quarkus.catena.models.tiny.path", System.getProperty("catena.test.gguf"))
            .overrideConfigKey("quarkus.catena.models.tiny.kv-cache", "q3")
            .assertException(e -> assertThat(Messages.of(e)).contains("quarkus.catena.models.tiny: unknown KV cache type 'q3'"));

    @Test
    void startFails() {
        fail("the application should not have started");
    }
}
