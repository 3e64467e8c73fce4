package dev.catena.quarkus.deployment;

import io.quarkus.test.QuarkusUnitTest;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

/** A bad YAML file fails the build, naming file, line, column and key. */
class CatenaBadFileTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar
                    .addAsResource(new StringAsset("""
                            apiVersion: catena/v1
                            kind: Model
                            name: broken
                            type: no-such-type
                            responses: ["x"]
                            """), "catena/broken.yaml"))
            .assertException(e -> {
                Throwable t = e;
                StringBuilder all = new StringBuilder();
                while (t != null) {
                    all.append(t.getMessage()).append('\n');
                    t = t.getCause();
                }
                assertThat(all.toString()).contains("broken.yaml:4:").contains("no-such-type");
            });

    @Test
    void buildFails() {
        fail("the build should have failed");
    }
}
