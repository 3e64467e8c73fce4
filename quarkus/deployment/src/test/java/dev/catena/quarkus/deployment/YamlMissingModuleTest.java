package dev.catena.quarkus.deployment;

import io.quarkus.test.QuarkusUnitTest;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

/** A YAML file naming a type whose module is absent fails the build at file:line:column and names the module. */
class YamlMissingModuleTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addAsResource(new StringAsset("""
                    apiVersion: catena/v1
                    kind: Model
                    name: remote
                    type: openai-compatible
                    baseUrl: http://127.0.0.1:1/v1
                    model: m
                    """), "catena/remote.yaml"))
            .assertException(e -> assertThat(Messages.of(e))
                    .contains("remote.yaml:4:")
                    .contains("type 'openai-compatible' is provided by dev.catena:catena-openai"));

    @Test
    void buildFails() {
        fail("the build should have failed");
    }
}
