package dev.catena.quarkus.deployment;

import io.quarkus.test.QuarkusUnitTest;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

/** One name declared both in properties and in a YAML file fails the build, naming both places. */
class DuplicateNameTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addAsResource(new StringAsset("""
                    apiVersion: catena/v1
                    kind: Model
                    name: twin
                    type: scripted
                    responses: ["yaml"]
                    """), "catena/twin.yaml"))
            .overrideConfigKey("quarkus.catena.models.twin.type", "scripted")
            .overrideConfigKey("quarkus.catena.models.twin.responses", "properties")
            .assertException(e -> assertThat(Messages.of(e))
                    .contains("'twin' is declared twice").contains("quarkus.catena.models.twin").contains("catena/twin.yaml"));

    @Test
    void buildFails() {
        fail("the build should have failed");
    }
}
