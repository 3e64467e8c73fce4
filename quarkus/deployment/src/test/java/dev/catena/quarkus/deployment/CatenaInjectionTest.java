package dev.catena.quarkus.deployment;

import dev.catena.quarkus.runtime.CatenaRuntime;
import dev.catena.testing.ScriptedChatModel;
import dev.langchain4j.model.chat.ChatModel;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** A YAML component becomes a {@code @Named} bean; a configured model is created from properties. */
class CatenaInjectionTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar
                    .addAsResource(new StringAsset("""
                            apiVersion: catena/v1
                            kind: Model
                            name: greeter
                            type: scripted
                            responses: ["Hello from YAML"]
                            """), "catena/greeter.yaml"))
            .overrideConfigKey("quarkus.catena.models.configured.type", "scripted")
            .overrideConfigKey("quarkus.catena.models.configured.responses", "from config");

    @Inject
    @Named("greeter")
    ChatModel greeter;

    @Inject
    CatenaRuntime runtime;

    @Test
    void yamlComponentIsInjectableByName() {
        assertThat(greeter.chat("hi")).isEqualTo("Hello from YAML");
    }

    @Test
    void configuredModelIsCreatedFromProperties() {
        assertThat(runtime.configured("configured")).isInstanceOf(ScriptedChatModel.class);
        assertThat(((ChatModel) runtime.configured("configured")).chat("x")).isEqualTo("from config");
        assertThat(runtime.names()).contains("greeter", "configured");
    }
}
