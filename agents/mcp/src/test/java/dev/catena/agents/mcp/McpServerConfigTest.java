package dev.catena.agents.mcp;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class McpServerConfigTest {

    @Test
    void configRefusesContradictions() {
        assertThatThrownBy(() -> McpServerConfig.stdio("s", " ", List.of())).hasMessage("MCP server 's': stdio needs a command");
        assertThatThrownBy(() -> McpServerConfig.streamableHttp("h", URI.create("file:///etc/passwd")))
                .hasMessage("MCP server 'h': url must be http or https, was file:///etc/passwd");
        assertThatThrownBy(() -> McpServerConfig.stdio("s", "x", List.of()).withCallTimeout(Duration.ZERO))
                .hasMessage("MCP server 's': callTimeout must be positive, was PT0S");
    }

    @Test
    void aCommandAndAUrlCannotBeMixed() {
        assertThatThrownBy(() -> new McpServerConfig("m", McpServerConfig.Transport.STDIO, "x", List.of(), null, URI.create("http://127.0.0.1/mcp"), null, null, 10))
                .hasMessage("MCP server 'm': give a command or a url, not both");
    }
}
