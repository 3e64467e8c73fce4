package dev.catena.agents.tool.builtin;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HttpGetToolTest {

    private MockWebServer server;

    @BeforeEach
    void start() throws Exception {
        server = new MockWebServer();
        server.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpGetTool loopbackAllowed() {
        return HttpGetTool.builder().allowHost("127.0.0.1").allowPrivateAddresses(true).build();
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getPort() + path;
    }

    @Test
    void fetchesFromAnAllowedHost() {
        server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "text/plain").body("hello agent").build());

        String result = loopbackAllowed().execute("{\"url\":\"" + url("/greeting") + "\"}");

        assertThat(result).isEqualTo("HTTP 200 (text/plain)\nhello agent");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void followsRedirectsWithinTheAllowList() {
        server.enqueue(new MockResponse.Builder().code(302).setHeader("Location", "/final").build());
        server.enqueue(new MockResponse.Builder().code(200).body("arrived").build());

        assertThat(loopbackAllowed().execute(url("/start"))).endsWith("\narrived");
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void refusesARedirectToAHostNotAllowed() {
        server.enqueue(new MockResponse.Builder().code(302).setHeader("Location", "http://evil.example/steal").build());

        assertThatThrownBy(() -> loopbackAllowed().execute(url("/start")))
                .isInstanceOf(HttpGetTool.UrlNotAllowedException.class)
                .hasMessageContaining("redirect to http://evil.example/steal refused")
                .hasMessageContaining("'evil.example' is not in the allow-list");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void refusesARedirectToAnotherNameOfTheSameMachine() {
        server.enqueue(new MockResponse.Builder().code(301).setHeader("Location", "http://localhost:" + server.getPort() + "/admin").build());

        assertThatThrownBy(() -> loopbackAllowed().execute(url("/start")))
                .hasMessageContaining("'localhost' is not in the allow-list");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void refusesHostsNotInTheAllowList() {
        HttpGetTool tool = HttpGetTool.builder().allowHost("*.example.com").build();

        assertThatThrownBy(() -> tool.execute(url("/"))).hasMessageContaining("'127.0.0.1' is not in the allow-list");
        assertThatThrownBy(() -> tool.execute("https://example.com.evil.org/")).hasMessageContaining("not in the allow-list");
        assertThatThrownBy(() -> tool.execute("https://example.com/")).as("the wildcard covers subdomains only")
                .hasMessageContaining("not in the allow-list");
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void refusesLoopbackAddressesUnlessExplicitlyAllowed() {
        HttpGetTool literal = HttpGetTool.builder().allowHost("127.0.0.1").build();
        HttpGetTool byName = HttpGetTool.builder().allowHost("localhost").build();

        assertThatThrownBy(() -> literal.execute(url("/"))).hasMessageContaining("internal address 127.0.0.1");
        assertThatThrownBy(() -> byName.execute("http://localhost:" + server.getPort() + "/"))
                .hasMessageContaining("resolves to the internal address");
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void classifiesInternalAddresses() throws Exception {
        for (String internal : new String[] {"127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254",
                "100.64.0.1", "0.0.0.0", "::1", "fd00::1", "fe80::1", "::ffff:127.0.0.1"}) {
            assertThat(HttpGetTool.isInternal(InetAddress.getByName(internal))).as(internal).isTrue();
        }
        for (String external : new String[] {"8.8.8.8", "93.184.216.34", "2606:4700::1111"}) {
            assertThat(HttpGetTool.isInternal(InetAddress.getByName(external))).as(external).isFalse();
        }
    }

    @Test
    void rejectsNonHttpUrlsAndCutsLongBodies() {
        assertThatThrownBy(() -> loopbackAllowed().execute("file:///etc/passwd")).hasMessageContaining("not an http or https URL");
        server.enqueue(new MockResponse.Builder().code(200).body("x".repeat(50)).build());
        HttpGetTool small = HttpGetTool.builder().allowHost("127.0.0.1").allowPrivateAddresses(true).maxBytes(10).build();
        assertThat(small.execute(url("/big"))).isEqualTo("HTTP 200\n" + "x".repeat(10) + "\n[... cut after 10 bytes]");
    }
}
