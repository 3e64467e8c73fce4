package dev.catena.quarkus.runtime.mcp;

import io.quarkus.arc.Arc;
import io.quarkus.runtime.annotations.Recorder;

import java.util.function.Supplier;

/** Creates the configured MCP clients in the running application. */
@Recorder
public class CatenaMcpRecorder {

    /** Supplies the client {@code name} ({@code quarkus.catena.mcp.<name>}), starting its server. */
    public Supplier<Object> client(String name) {
        return () -> {
            CatenaMcpConfig.Client c = Arc.container().instance(CatenaMcpConfig.class).get().clients().get(name);
            if (c == null) throw new IllegalStateException("no MCP client is configured as " + McpClientFactory.PREFIX + name);
            return McpClientFactory.open(name, c, System::getenv);
        };
    }
}
