package dev.catena.quarkus.deployment;

import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

/** A missing required field of the spec fails the start, naming the full key. */
class MissingRequiredTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .overrideConfigKey("quarkus.catena.models.s.type", "scripted")
            .overrideConfigKey("quarkus.catena.models.s.token-delay-millis", "3")
            .assertException(e -> assertThat(Messages.of(e)).contains("quarkus.catena.models.s.responses: missing required property"));

    @Test
    void startFails() {
        fail("the application should not have started");
    }
}
