package dev.catena.agents.mcp;

/** The reference servers' programs, for tests in other packages. */
public final class ReferenceServersAccess {

    private ReferenceServersAccess() {}

    /** The path of an installed server program, e.g. {@code mcp-server-filesystem}. */
    public static String bin(String name) {
        return ReferenceServers.modules().resolve(".bin").resolve(name).toString();
    }
}
