package dev.catena.agents.mcp;

import java.util.List;

/**
 * Run as its own JVM by {@link ServerLifetimeTest}: opens a stdio connection to the program given,
 * prints the server's process id and exits without closing the connection.
 */
public final class OpenAndExit {

    private OpenAndExit() {}

    public static void main(String[] args) {
        McpConnection c = McpConnection.open(McpServerConfig.stdio("orphan", args[0], List.of(args).subList(1, args.length)));
        System.out.println("server pid " + c.serverProcess().orElseThrow().pid());
        System.out.flush();
        System.exit(0);
    }
}
