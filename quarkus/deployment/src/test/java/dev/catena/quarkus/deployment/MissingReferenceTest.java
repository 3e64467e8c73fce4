package dev.catena.quarkus.deployment;

import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

/** A configured component referencing a name nothing declares fails the start, naming its key and the reference. */
class MissingReferenceTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .overrideConfigKey("quarkus.catena.memories.sum.type", "summary")
            .overrideConfigKey("quarkus.catena.memories.sum.model", "nowhere")
            .assertException(e -> assertThat(Messages.of(e)).contains("quarkus.catena.memories.sum").contains("nowhere"));

    @Test
    void startFails() {
        fail("the application should not have started");
    }
}
