package dev.catena.quarkus.deployment;

import dev.langchain4j.model.chat.ChatModel;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** With two YAML models, the one named {@code default} is the plain {@code @Inject} ChatModel; the other injects by name. */
class DefaultByNameTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addAsResource(new StringAsset("""
                    apiVersion: catena/v1
                    kind: Bundle
                    models:
                      - {name: default, type: scripted, responses: ["from default"]}
                      - {name: spare, type: scripted, responses: ["from spare"]}
                    """), "catena/models.yaml"));

    @Inject
    ChatModel model;

    @Inject
    @Named("spare")
    ChatModel spare;

    @Test
    void theModelNamedDefaultIsInjectedWithoutQualifier() {
        assertThat(model.chat("x")).isEqualTo("from default");
        assertThat(spare.chat("x")).isEqualTo("from spare");
    }
}
