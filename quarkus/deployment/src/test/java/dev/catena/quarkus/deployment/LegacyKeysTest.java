package dev.catena.quarkus.deployment;

import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

/** A key under the old {@code catena.} root fails the start and names its new spelling instead of being ignored. */
class LegacyKeysTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .overrideConfigKey("catena.models.old.type", "scripted")
            .assertException(e -> assertThat(Messages.of(e))
                    .contains("catena.models.old.type").contains("quarkus.catena.models.old.type"));

    @Test
    void startFails() {
        fail("the application should not have started");
    }
}
