package dev.catena.quarkus.deployment;

import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

/** The default memory on files without a path fails the start naming the missing key. */
class MemoryPathMissingTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .overrideConfigKey("quarkus.catena.memory.store", "file")
            .assertException(e -> assertThat(Messages.of(e)).contains("quarkus.catena.memory.path: missing required property"));

    @Test
    void startFails() {
        fail("the application should not have started");
    }
}
