package dev.catena.quarkus.deployment;

import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

/** A bad value of a nested record field (memories.m.store.kind) names the full dotted key and the allowed values. */
class NestedEnumTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .overrideConfigKey("quarkus.catena.memories.m.type", "message-window")
            .overrideConfigKey("quarkus.catena.memories.m.max-messages", "3")
            .overrideConfigKey("quarkus.catena.memories.m.store.kind", "floppy")
            .assertException(e -> assertThat(Messages.of(e)).contains("quarkus.catena.memories.m.store.kind: expected one of"));

    @Test
    void startFails() {
        fail("the application should not have started");
    }
}
