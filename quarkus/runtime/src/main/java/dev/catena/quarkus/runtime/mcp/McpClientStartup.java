package dev.catena.quarkus.runtime.mcp;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/** Starts the MCP clients not marked {@code lazy} when the application starts, so a bad one fails the start. */
@Singleton
public class McpClientStartup {

    private static final Logger LOG = Logger.getLogger(McpClientStartup.class);

    @Inject
    CatenaMcpConfig config;

    @Inject
    @Any
    Instance<CatenaMcpClient> clients;

    void onStart(@Observes StartupEvent event) {
        config.clients().forEach((name, c) -> {
            if (c.lazy()) return;
            CatenaMcpClient client = clients.select(Identifier.Literal.of(name)).get();
            LOG.infof("MCP client '%s' ready with %d tool(s): %s", name, client.tools().size(),
                    client.tools().stream().map(t -> t.name()).toList());
        });
    }
}
