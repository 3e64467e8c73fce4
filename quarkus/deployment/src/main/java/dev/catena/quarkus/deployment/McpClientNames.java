package dev.catena.quarkus.deployment;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import java.util.Set;
import java.util.TreeSet;

/** The MCP clients configured as {@code quarkus.catena.mcp.<name>.command} or {@code .url}, read at build time. */
final class McpClientNames {

    static final String PREFIX = "quarkus.catena.mcp.";

    private McpClientNames() {}

    /** Names (without dots) of the configured MCP clients. */
    static Set<String> configured() {
        Config config = ConfigProvider.getConfig();
        Set<String> names = new TreeSet<>();
        for (String key : config.getPropertyNames()) {
            if (!key.startsWith(PREFIX)) continue;
            String rest = key.substring(PREFIX.length());
            int dot = rest.indexOf('.');
            if (dot < 1) continue;
            String field = rest.substring(dot + 1);
            if ((field.equals("command") || field.equals("url")) && config.getOptionalValue(key, String.class).isPresent()) {
                names.add(rest.substring(0, dot));
            }
        }
        return names;
    }
}
