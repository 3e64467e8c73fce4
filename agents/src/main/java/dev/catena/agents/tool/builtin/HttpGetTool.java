package dev.catena.agents.tool.builtin;

import dev.catena.agents.tool.GroundedTool;
import dev.catena.agents.tool.ToolArgumentException;
import dev.catena.agents.tool.ToolArguments;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import okhttp3.Dns;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.Proxy;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tool named {@code http_get} that fetches a URL, restricted to an allow-list of hosts.
 *
 * <p>Every hop is checked: the first URL and each redirect target must use http(s) and name an
 * allowed host ({@code example.com}, or {@code *.example.com} for its subdomains). Every address a
 * host resolves to is checked as well, at connection time (so DNS tricks cannot slip through): loopback,
 * private, link-local, unique-local, CGNAT, multicast and wildcard addresses are refused unless
 * {@link Builder#allowPrivateAddresses(boolean)} says otherwise. No proxy is used. The body is cut
 * at {@link Builder#maxBytes(int)}. Grounded in what a run has seen, it may fetch only the URLs written there whose host
 * the allow-list names.
 */
public final class HttpGetTool implements GroundedTool {

    /** A URL in running text: up to a space, a quote or a bracket; trailing sentence punctuation is not part of it. */
    private static final Pattern URL_IN_TEXT = Pattern.compile("(?i)https?://[^\\s\"'<>()\\[\\]{}]+");

    private static final ToolSpecification SPEC = ToolSpecification.builder()
            .name("http_get")
            .description("Fetches a web page or API response with HTTP GET and returns its status and body.")
            .parameters(JsonObjectSchema.builder().addStringProperty("url", "the http or https URL to fetch").required("url").build())
            .build();

    private final Set<String> allowedHosts;
    private final boolean allowPrivateAddresses;
    private final int maxBytes;
    private final int maxRedirects;
    private final Dns dns;
    private final OkHttpClient client;

    private HttpGetTool(Builder b) {
        if (b.allowedHosts.isEmpty()) throw new IllegalArgumentException("http_get needs at least one allowed host");
        this.allowedHosts = Set.copyOf(b.allowedHosts);
        this.allowPrivateAddresses = b.allowPrivateAddresses;
        this.maxBytes = b.maxBytes;
        this.maxRedirects = b.maxRedirects;
        this.dns = b.dns;
        this.client = new OkHttpClient.Builder()
                .followRedirects(false)
                .followSslRedirects(false)
                .proxy(Proxy.NO_PROXY)
                .dns(this::lookup)
                .callTimeout(b.timeout)
                .build();
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public ToolSpecification specification() {
        return SPEC;
    }

    /**
     * The specification whose {@code url} is one of the http(s) URLs written in {@code seen} with an allowed host;
     * empty when there is none, since the model would otherwise invent one.
     */
    @Override
    public Optional<ToolSpecification> groundedIn(String seen) {
        Set<String> urls = new LinkedHashSet<>();
        Matcher m = URL_IN_TEXT.matcher(seen);
        while (m.find()) {
            String candidate = m.group().replaceAll("[.,;:!?]+$", "");
            HttpUrl url = HttpUrl.parse(candidate);
            if (url != null && hostAllowed(url.host().toLowerCase(Locale.ROOT))) urls.add(candidate);
        }
        if (urls.isEmpty()) return Optional.empty();
        return Optional.of(ToolSpecification.builder()
                .name(SPEC.name())
                .description(SPEC.description())
                .parameters(JsonObjectSchema.builder().addEnumProperty("url", List.copyOf(urls), "the http or https URL to fetch")
                        .required("url").build())
                .build());
    }

    @Override
    public String execute(String arguments) {
        String raw = ToolArguments.parse(SPEC, arguments).get("url").asText().strip();
        HttpUrl url = HttpUrl.parse(raw);
        if (url == null) throw new ToolArgumentException("'" + raw + "' is not an http or https URL");
        for (int hop = 0; ; hop++) {
            checkAllowed(url, hop == 0 ? "URL" : "redirect to " + url);
            try (Response response = client.newCall(new Request.Builder().url(url).get().build()).execute()) {
                if (response.isRedirect()) {
                    String location = response.header("Location");
                    HttpUrl next = location == null ? null : url.resolve(location);
                    if (next == null) return "HTTP " + response.code() + " redirect without a usable Location header";
                    if (hop + 1 > maxRedirects) throw new UrlNotAllowedException("more than " + maxRedirects + " redirects, last to " + next);
                    url = next;
                    continue;
                }
                return "HTTP " + response.code() + contentType(response) + "\n" + body(response.body());
            } catch (IOException e) {
                if (e instanceof UnknownHostException && e.getMessage() != null && e.getMessage().startsWith("refused")) {
                    throw new UrlNotAllowedException(e.getMessage());
                }
                throw new UncheckedIOException("GET " + url.redact() + " failed: " + e.getMessage(), e);
            }
        }
    }

    private void checkAllowed(HttpUrl url, String what) {
        String host = url.host().toLowerCase(Locale.ROOT);
        if (!hostAllowed(host)) {
            throw new UrlNotAllowedException(what + " refused: host '" + host + "' is not in the allow-list " + allowedHosts);
        }
        if (isIpLiteral(host)) {
            // OkHttp connects to IP literals without asking the Dns, so check them here.
            try {
                check(host, InetAddress.getByName(host));
            } catch (UnknownHostException e) {
                throw new UrlNotAllowedException(e.getMessage());
            }
        }
    }

    private boolean hostAllowed(String host) {
        for (String allowed : allowedHosts) {
            if (allowed.startsWith("*.")) {
                if (host.endsWith(allowed.substring(1)) && host.length() > allowed.length() - 1) return true;
            } else if (host.equals(allowed)) {
                return true;
            }
        }
        return false;
    }

    private List<InetAddress> lookup(String host) throws UnknownHostException {
        List<InetAddress> addresses = dns.lookup(host);
        for (InetAddress a : addresses) check(host, a);
        return addresses;
    }

    private void check(String host, InetAddress a) throws UnknownHostException {
        if (!allowPrivateAddresses && isInternal(a)) {
            throw new UnknownHostException("refused: host '" + host + "' resolves to the internal address "
                    + a.getHostAddress() + " and private addresses are not allowed");
        }
    }

    /** True for addresses that point into the local machine or network. */
    static boolean isInternal(InetAddress a) {
        if (a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress()
                || a.isMulticastAddress()) return true;
        byte[] b = a.getAddress();
        if (a instanceof Inet6Address) {
            if ((b[0] & 0xfe) == 0xfc) return true; // fc00::/7 unique local
            boolean mapped = true;
            for (int i = 0; i < 10; i++) mapped &= b[i] == 0;
            if (mapped && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
                try {
                    return isInternal(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
                } catch (UnknownHostException e) {
                    return true;
                }
            }
            return false;
        }
        int first = b[0] & 0xff, second = b[1] & 0xff;
        return first == 0 || (first == 100 && second >= 64 && second < 128) || (first == 198 && (second == 18 || second == 19));
    }

    private static boolean isIpLiteral(String host) {
        return host.contains(":") || host.matches("[0-9.]+");
    }

    private static String contentType(Response response) {
        String type = response.header("Content-Type");
        return type == null ? "" : " (" + type + ")";
    }

    private String body(ResponseBody body) throws IOException {
        BufferedSource source = body.source();
        boolean more = source.request(maxBytes + 1L);
        long n = Math.min(source.getBuffer().size(), maxBytes);
        String text = source.getBuffer().readString(n, StandardCharsets.UTF_8);
        return more ? text + "\n[... cut after " + maxBytes + " bytes]" : text;
    }

    /** A URL or redirect the allow-list refuses. */
    public static final class UrlNotAllowedException extends RuntimeException {
        public UrlNotAllowedException(String message) {
            super(message);
        }
    }

    /** Builder of an {@link HttpGetTool}. */
    public static final class Builder {
        private final Set<String> allowedHosts = new LinkedHashSet<>();
        private boolean allowPrivateAddresses;
        private int maxBytes = 100_000;
        private int maxRedirects = 5;
        private Duration timeout = Duration.ofSeconds(10);
        private Dns dns = Dns.SYSTEM;

        /** Allows a host ({@code example.com}) or its subdomains ({@code *.example.com}). */
        public Builder allowHost(String host) {
            String h = Objects.requireNonNull(host, "host").strip().toLowerCase(Locale.ROOT);
            if (h.isEmpty() || h.contains("/") || h.equals("*") || (h.contains("*") && !h.startsWith("*."))) {
                throw new IllegalArgumentException("allowed host '" + host + "' must be a host name like example.com or *.example.com");
            }
            allowedHosts.add(h);
            return this;
        }

        public Builder allowHosts(Iterable<String> hosts) {
            hosts.forEach(this::allowHost);
            return this;
        }

        /** Lets allowed hosts resolve to loopback and private addresses (off by default; for tests and intranets). */
        public Builder allowPrivateAddresses(boolean allow) { this.allowPrivateAddresses = allow; return this; }

        public Builder maxBytes(int maxBytes) {
            if (maxBytes < 1) throw new IllegalArgumentException("maxBytes must be at least 1, was " + maxBytes);
            this.maxBytes = maxBytes;
            return this;
        }

        public Builder maxRedirects(int maxRedirects) {
            if (maxRedirects < 0) throw new IllegalArgumentException("maxRedirects must not be negative, was " + maxRedirects);
            this.maxRedirects = maxRedirects;
            return this;
        }

        public Builder timeout(Duration timeout) { this.timeout = Objects.requireNonNull(timeout, "timeout"); return this; }

        /**
         * The resolver of host names (default: the system's). Whatever it returns is still checked
         * against the private-address rule before any connection; for tests and custom DNS.
         */
        public Builder dns(Dns dns) { this.dns = Objects.requireNonNull(dns, "dns"); return this; }

        public HttpGetTool build() { return new HttpGetTool(this); }
    }
}
