package dev.catena.quarkus.deployment;

import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A model that cannot be built (its file is missing) fails the start, naming its key, instead of
 * starting an application whose chains would all fail later.
 */
class LocalModelMissingFileTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .overrideConfigKey("quarkus.catena.models.gone.type", "local-gguf")
            .overrideConfigKey("quarkus.catena.models.gone.path", "/nonexistent/model.gguf")
            .assertException(e -> assertThat(Messages.of(e))
                    .contains("quarkus.catena.models.gone (type local-gguf): cannot create").contains("/nonexistent/model.gguf"));

    @Test
    void startFails() {
        fail("the application should not have started");
    }
}
