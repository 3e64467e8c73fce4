package dev.catena.agents.tool.builtin;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.Dns;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Server-side request forgery through {@code http_get} (issue 9): names that resolve to loopback or
 * private addresses, resolvers that mix public and private answers, redirects off the allow-list,
 * and other spellings of loopback addresses. A test resolver stands in for DNS (names such as
 * {@code 127.0.0.1.nip.io} cannot be resolved here); the tool checks whatever it returns.
 */
class HttpGetToolSecurityTest {

    private MockWebServer server;
    private final List<String> lookups = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = new MockWebServer();
        server.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** DNS for the test: fixed answers, and a record of every name asked. */
    private Dns resolver(Map<String, List<String>> answers) {
        return host -> {
            lookups.add(host);
            List<String> ips = answers.get(host);
            if (ips == null) throw new UnknownHostException("no such host in the test resolver: " + host);
            List<InetAddress> out = new ArrayList<>();
            for (String ip : ips) out.add(InetAddress.getByName(ip));
            return out;
        };
    }

    @Test
    void anAllowedNameThatResolvesToLoopbackIsRefused() {
        Dns dns = resolver(Map.of("docs.example.org", List.of("127.0.0.1")));
        HttpGetTool tool = HttpGetTool.builder().allowHost("docs.example.org").dns(dns).build();

        assertThatThrownBy(() -> tool.execute("http://docs.example.org:" + server.getPort() + "/admin"))
                .isInstanceOf(HttpGetTool.UrlNotAllowedException.class)
                .hasMessageContaining("'docs.example.org' resolves to the internal address 127.0.0.1");
        assertThat(lookups).containsExactly("docs.example.org");
        assertThat(server.getRequestCount()).isZero();

        // the same name and resolver reach the server once private addresses are allowed: the refusal was the address rule
        server.enqueue(new MockResponse.Builder().body("ok").build());
        HttpGetTool intranet = HttpGetTool.builder().allowHost("docs.example.org").dns(dns).allowPrivateAddresses(true).build();
        assertThat(intranet.execute("http://docs.example.org:" + server.getPort() + "/")).startsWith("HTTP 200").endsWith("ok");
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.7", "172.20.1.1", "192.168.0.1", "169.254.169.254", "100.64.0.1", "0.0.0.0",
            "::1", "fd00::1", "fe80::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "224.0.0.1"})
    void everyInternalAnswerIsRefused(String ip) {
        HttpGetTool tool = HttpGetTool.builder().allowHost("*.example.org")
                .dns(resolver(Map.of("api.example.org", List.of(ip)))).build();

        assertThatThrownBy(() -> tool.execute("http://api.example.org:" + server.getPort() + "/"))
                .isInstanceOf(HttpGetTool.UrlNotAllowedException.class)
                .hasMessageContaining("resolves to the internal address");
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void oneInternalAddressAmongPublicOnesRefusesTheHost() {
        HttpGetTool tool = HttpGetTool.builder().allowHost("api.example.org")
                .dns(resolver(Map.of("api.example.org", List.of("203.0.113.10", "127.0.0.1")))).build();

        assertThatThrownBy(() -> tool.execute("http://api.example.org:" + server.getPort() + "/"))
                .isInstanceOf(HttpGetTool.UrlNotAllowedException.class)
                .hasMessageContaining("internal address 127.0.0.1");
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void aRedirectToANameOffTheListIsRefusedBeforeItIsResolved() {
        Dns dns = resolver(Map.of("docs.example.org", List.of("127.0.0.1"), "evil.example.net", List.of("127.0.0.1")));
        HttpGetTool tool = HttpGetTool.builder().allowHost("docs.example.org").dns(dns).allowPrivateAddresses(true).build();
        server.enqueue(new MockResponse.Builder().code(302)
                .setHeader("Location", "http://evil.example.net:" + server.getPort() + "/steal").build());

        assertThatThrownBy(() -> tool.execute("http://docs.example.org:" + server.getPort() + "/start"))
                .isInstanceOf(HttpGetTool.UrlNotAllowedException.class)
                .hasMessageContaining("redirect to http://evil.example.net:" + server.getPort() + "/steal refused")
                .hasMessageContaining("not in the allow-list");
        assertThat(lookups).containsExactly("docs.example.org");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void redirectsToInternalLiteralsAndOtherSchemesAreNotFollowed() {
        HttpGetTool tool = HttpGetTool.builder().allowHost("docs.example.org").allowHost("*.example.org")
                .dns(resolver(Map.of("docs.example.org", List.of("127.0.0.1")))).allowPrivateAddresses(true).build();
        for (String location : List.of("http://127.0.0.1:" + server.getPort() + "/", "http://[::1]:" + server.getPort() + "/",
                "http://169.254.169.254/latest/meta-data/", "file:///etc/passwd", "ftp://docs.example.org/x")) {
            server.enqueue(new MockResponse.Builder().code(301).setHeader("Location", location).build());
            int before = server.getRequestCount();
            if (location.startsWith("http")) {
                assertThatThrownBy(() -> tool.execute("http://docs.example.org:" + server.getPort() + "/"))
                        .as(location).isInstanceOf(HttpGetTool.UrlNotAllowedException.class).hasMessageContaining("not in the allow-list");
            } else {
                assertThat(tool.execute("http://docs.example.org:" + server.getPort() + "/")).as(location)
                        .isEqualTo("HTTP 301 redirect without a usable Location header");
            }
            assertThat(server.getRequestCount()).as(location).isEqualTo(before + 1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://2130706433:%d/", "http://0x7f000001:%d/", "http://0177.0.0.1:%d/", "http://127.1:%d/",
            "http://[::ffff:7f00:1]:%d/", "http://[0:0:0:0:0:0:0:1]:%d/", "http://127.0.0.1.:%d/", "http://LOCALHOST:%d/"})
    void otherSpellingsOfLoopbackNeverConnect(String template) {
        String url = template.formatted(server.getPort());
        String host = okhttp3.HttpUrl.get(url).host();
        HttpGetTool tool = HttpGetTool.builder().allowHost(host).build();

        assertThatThrownBy(() -> tool.execute(url)).as(url + " (host " + host + ")")
                .isInstanceOfAny(HttpGetTool.UrlNotAllowedException.class, java.io.UncheckedIOException.class);
        assertThat(server.getRequestCount()).as(url).isZero();
    }
}
