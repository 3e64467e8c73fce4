package dev.catena.quarkus.deployment;

import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

/** Two models marked default=true fail the build, naming both. */
class TwoDefaultsTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .overrideConfigKey("quarkus.catena.models.a.type", "scripted")
            .overrideConfigKey("quarkus.catena.models.a.responses", "a")
            .overrideConfigKey("quarkus.catena.models.a.default", "true")
            .overrideConfigKey("quarkus.catena.models.b.type", "scripted")
            .overrideConfigKey("quarkus.catena.models.b.responses", "b")
            .overrideConfigKey("quarkus.catena.models.b.default", "true")
            .assertException(e -> assertThat(Messages.of(e)).contains("marked default=true").contains("quarkus.catena.models.a").contains("quarkus.catena.models.b"));

    @Test
    void startFails() {
        fail("the application should not have started");
    }
}
