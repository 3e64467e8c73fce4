package dev.catena.quarkus.deployment;

import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

/** A key the type's spec does not have fails the start, naming the full key and the accepted keys. */
class UnknownPropertyTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .overrideConfigKey("quarkus.catena.models.s.type", "scripted")
            .overrideConfigKey("quarkus.catena.models.s.responses", "a")
            .overrideConfigKey("quarkus.catena.models.s.colour", "blue")
            .assertException(e -> assertThat(Messages.of(e)).contains("quarkus.catena.models.s.colour: unknown property (accepted: responses, token-delay-millis)"));

    @Test
    void startFails() {
        fail("the application should not have started");
    }
}
