package dev.catena.quarkus.deployment;

import dev.catena.quarkus.RegisterCatenaService;
import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

/** A typed service naming an MCP client that is not configured fails the build, naming both. */
class McpClientMissingTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Helper.class))
            .overrideConfigKey("quarkus.catena.models.m.type", "scripted")
            .overrideConfigKey("quarkus.catena.models.m.responses", "a")
            .overrideConfigKey("quarkus.catena.mcp.docs.url", "http://127.0.0.1:9/mcp")
            .assertException(e -> assertThat(Messages.of(e)).contains(
                    "McpClientMissingTest$Helper names the MCP client 'files', but none is configured: set quarkus.catena.mcp.files.command or quarkus.catena.mcp.files.url (configured: [docs])"));

    @RegisterCatenaService(model = "m", mcpClients = "files")
    public interface Helper {
        String ask(String question);
    }

    @Test
    void buildFails() {
        fail("the application should not have been built");
    }
}
