package dev.catena.quarkus.runtime.mcp;

import dev.langchain4j.service.tool.ToolProvider;
import dev.langchain4j.service.tool.ToolProviderResult;
import io.quarkus.arc.Arc;
import io.quarkus.arc.InstanceHandle;
import io.smallrye.common.annotation.Identifier;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The tools of the MCP clients a typed service names, as one LangChain4j {@link ToolProvider}. */
public final class McpServiceTools {

    private McpServiceTools() {}

    /**
     * A provider of the tools of the clients {@code names}, for the service {@code service}.
     *
     * @throws IllegalStateException naming the service and the client when a client is not configured,
     *                               or when two clients offer a tool of the same name
     */
    public static ToolProvider of(String service, String... names) {
        List<CatenaMcpClient> clients = new ArrayList<>();
        Map<String, String> owners = new HashMap<>();
        for (String name : names) {
            InstanceHandle<CatenaMcpClient> handle = Arc.container().instance(CatenaMcpClient.class, Identifier.Literal.of(name));
            if (!handle.isAvailable()) {
                throw new IllegalStateException(service + " names the MCP client '" + name + "', but none is configured as "
                        + McpClientFactory.PREFIX + name);
            }
            CatenaMcpClient client = handle.get();
            client.tools().forEach(t -> {
                String before = owners.putIfAbsent(t.name(), name);
                if (before != null) {
                    throw new IllegalStateException(service + ": MCP clients '" + before + "' and '" + name + "' both offer a tool named '" + t.name()
                            + "'; narrow one with " + McpClientFactory.PREFIX + name + ".tools");
                }
            });
            clients.add(client);
        }
        return request -> {
            ToolProviderResult.Builder all = ToolProviderResult.builder();
            for (CatenaMcpClient c : clients) all.addAll(c.provideTools(request).tools());
            return all.build();
        };
    }
}
