package dev.catena.quarkus.deployment;

import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

/** A runtime switch with a value it does not know fails the start naming its key. */
class BadEnumSwitchTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .overrideConfigKey("quarkus.catena.local.kernels", "gpu")
            .assertException(e -> assertThat(Messages.of(e)).contains("quarkus.catena.local.kernels").containsIgnoringCase("gpu"));

    @Test
    void startFails() {
        fail("the application should not have started");
    }
}
