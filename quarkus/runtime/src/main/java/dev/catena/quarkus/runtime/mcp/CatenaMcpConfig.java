package dev.catena.quarkus.runtime.mcp;

import io.quarkus.runtime.annotations.ConfigDocMapKey;
import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithParentName;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Named MCP clients ({@code quarkus.catena.mcp.<name>.*}): each is a bean of type
 * {@link CatenaMcpClient}, {@code @Identifier} and {@code @Named} by its name, whose tools agents
 * and typed services may call. Client names are read at build time (they decide the beans); the
 * other values at start. Needs {@code dev.catena:catena-agents-mcp} on the class path.
 */
@ConfigMapping(prefix = "quarkus.catena.mcp")
@ConfigRoot(phase = ConfigPhase.RUN_TIME)
public interface CatenaMcpConfig {

    /** The MCP clients by name. */
    @WithParentName
    @ConfigDocMapKey("client-name")
    Map<String, Client> clients();

    /** One MCP server: a command started over stdio, or a URL. */
    interface Client {
        /** The program that runs the server over stdio (give this or {@code url}); only this command is ever started. */
        Optional<String> command();

        /** Arguments of the command. */
        Optional<List<String>> args();

        /**
         * Names of this application's environment variables passed to the command (besides HOME,
         * LOGNAME, PATH, SHELL, TERM and USER); no other variable reaches the server.
         */
        Optional<List<String>> env();

        /** Endpoint of a remote server, e.g. {@code http://127.0.0.1:3001/mcp} (give this or {@code command}). */
        Optional<String> url();

        /** The protocol at {@code url}. */
        @WithDefault("streamable-http")
        Transport transport();

        /** Tools to expose, by name or glob ({@code read_*}); default all of the server's tools. */
        Optional<List<String>> tools();

        /** Most time for one call (a tool call, a listing); default 30 s. */
        Optional<Duration> callTimeout();

        /** Most time to start and initialize the server; default 30 s. */
        Optional<Duration> startTimeout();

        /** Longest result passed to the model, in characters (longer ones are cut with a note); default 20000. */
        OptionalInt maxResultChars();

        /** Starts the server on first use instead of when the application starts. */
        @WithDefault("false")
        boolean lazy();
    }

    /** How a client reaches a server at a URL. */
    enum Transport {
        /** Streamable HTTP (the current protocol). */
        STREAMABLE_HTTP,
        /** HTTP with server-sent events (the former protocol). */
        SSE
    }
}
