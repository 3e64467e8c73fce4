package dev.catena.quarkus.deployment;

import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

/** A value of the wrong type fails the start, naming the full key and what was expected. */
class BadNumberTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .overrideConfigKey("quarkus.catena.models.s.type", "scripted")
            .overrideConfigKey("quarkus.catena.models.s.responses", "a")
            .overrideConfigKey("quarkus.catena.models.s.token-delay-millis", "soon")
            .assertException(e -> assertThat(Messages.of(e)).contains("quarkus.catena.models.s.token-delay-millis: expected an integer, got 'soon'"));

    @Test
    void startFails() {
        fail("the application should not have started");
    }
}
