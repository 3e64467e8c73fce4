package dev.catena.quarkus.runtime.mcp;

import dev.catena.agents.mcp.McpServerConfig;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code quarkus.catena.mcp.<name>.*} values become a server config; a bad one fails naming its key. */
class McpClientFactoryTest {

    record Client(Optional<String> command, Optional<List<String>> args, Optional<List<String>> env, Optional<String> url,
                  CatenaMcpConfig.Transport transport, Optional<List<String>> tools, Optional<Duration> callTimeout,
                  Optional<Duration> startTimeout, OptionalInt maxResultChars, boolean lazy) implements CatenaMcpConfig.Client {

        static Client stdio(String command, String... args) {
            return new Client(Optional.of(command), Optional.of(List.of(args)), Optional.empty(), Optional.empty(),
                    CatenaMcpConfig.Transport.STREAMABLE_HTTP, Optional.empty(), Optional.empty(), Optional.empty(), OptionalInt.empty(), false);
        }

        static Client url(String url, CatenaMcpConfig.Transport transport) {
            return new Client(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(url),
                    transport, Optional.empty(), Optional.empty(), Optional.empty(), OptionalInt.empty(), false);
        }
    }

    @Test
    void aStdioClientGetsItsArgumentsLimitsAndOnlyTheNamedVariables() {
        Client c = Client.stdio("npx", "-y", "server");
        c = new Client(c.command(), c.args(), Optional.of(List.of("TOKEN")), c.url(), c.transport(), c.tools(),
                Optional.of(Duration.ofSeconds(7)), Optional.of(Duration.ofSeconds(9)), OptionalInt.of(500), false);
        McpServerConfig config = McpClientFactory.serverConfig("fs", c, Map.of("TOKEN", "t0k", "OTHER", "x")::get);
        assertThat(config.transport()).isEqualTo(McpServerConfig.Transport.STDIO);
        assertThat(config.command()).isEqualTo("npx");
        assertThat(config.args()).containsExactly("-y", "server");
        assertThat(config.env()).isEqualTo(Map.of("TOKEN", "t0k"));
        assertThat(config.callTimeout()).isEqualTo(Duration.ofSeconds(7));
        assertThat(config.startTimeout()).isEqualTo(Duration.ofSeconds(9));
        assertThat(config.maxResultChars()).isEqualTo(500);
    }

    @Test
    void aUrlClientUsesTheTransportAsked() {
        McpServerConfig config = McpClientFactory.serverConfig("docs", Client.url("http://127.0.0.1:3001/sse", CatenaMcpConfig.Transport.SSE), n -> null);
        assertThat(config.transport()).isEqualTo(McpServerConfig.Transport.SSE);
        assertThat(config.url()).isEqualTo(URI.create("http://127.0.0.1:3001/sse"));
        assertThat(config.callTimeout()).isEqualTo(McpServerConfig.DEFAULT_CALL_TIMEOUT);
    }

    @Test
    void badValuesFailNamingTheirKey() {
        Client both = new Client(Optional.of("npx"), Optional.empty(), Optional.empty(), Optional.of("http://127.0.0.1:1/mcp"),
                CatenaMcpConfig.Transport.STREAMABLE_HTTP, Optional.empty(), Optional.empty(), Optional.empty(), OptionalInt.empty(), false);
        assertThatThrownBy(() -> McpClientFactory.serverConfig("fs", both, n -> null))
                .hasMessage("quarkus.catena.mcp.fs: give either quarkus.catena.mcp.fs.command (a stdio server) or quarkus.catena.mcp.fs.url (a remote server)");

        Client env = Client.stdio("npx");
        Client withEnv = new Client(env.command(), env.args(), Optional.of(List.of("MISSING_TOKEN")), env.url(), env.transport(), env.tools(),
                env.callTimeout(), env.startTimeout(), env.maxResultChars(), false);
        assertThatThrownBy(() -> McpClientFactory.serverConfig("fs", withEnv, n -> null))
                .hasMessage("quarkus.catena.mcp.fs.env: the environment variable 'MISSING_TOKEN' is not set");

        assertThatThrownBy(() -> McpClientFactory.serverConfig("docs", Client.url("ftp://host/mcp", CatenaMcpConfig.Transport.STREAMABLE_HTTP), n -> null))
                .hasMessage("quarkus.catena.mcp.docs: MCP server 'docs': url must be http or https, was ftp://host/mcp");

        Client zero = new Client(env.command(), env.args(), env.env(), env.url(), env.transport(), env.tools(),
                Optional.of(Duration.ZERO), env.startTimeout(), env.maxResultChars(), false);
        assertThatThrownBy(() -> McpClientFactory.serverConfig("fs", zero, n -> null))
                .hasMessage("quarkus.catena.mcp.fs: MCP server 'fs': callTimeout must be positive, was PT0S");
    }
}
