package dev.catena.quarkus.deployment;

import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

/** A property naming a type whose module is absent lists the registered types and names the module. */
class UnknownTypeTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .overrideConfigKey("quarkus.catena.models.remote.type", "openai-compatible")
            .overrideConfigKey("quarkus.catena.models.remote.base-url", "http://127.0.0.1:1/v1")
            .assertException(e -> assertThat(Messages.of(e)).contains("quarkus.catena.models.remote.type: unknown Model type 'openai-compatible'")
                    .contains("registered: ").contains("scripted")
                    .contains("dev.catena:catena-openai"));

    @Test
    void startFails() {
        fail("the application should not have started");
    }
}
