package dev.catena.openai.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpMethod;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEvent;
import dev.langchain4j.http.client.sse.ServerSentEventContext;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP transport under LangChain4j's OpenAI clients, on OkHttp, adding what the default client
 * lacks: retries of 408/429/500/502/503/504 and failed connections with exponential backoff and full
 * jitter, honouring {@code Retry-After} up to a bound; an idle timeout on event streams (a stalled
 * stream fails with {@link StreamStalledException}); a stream event that is not JSON fails the stream
 * ({@link MalformedStreamException}) instead of being skipped. A stream is retried only before its
 * response starts, so no token is ever delivered twice. Request bodies and headers are never logged.
 */
public final class ResilientHttpClient implements HttpClient {

    private static final Logger LOG = LoggerFactory.getLogger(ResilientHttpClient.class);
    private static final Set<Integer> RETRYABLE = Set.of(408, 429, 500, 502, 503, 504);
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final OkHttpClient blocking;
    private final OkHttpClient streaming;
    private final Settings settings;
    private final Clock clock;

    /**
     * Retry and timeout settings.
     *
     * @param timeout        limit of one blocking call, and the longest silence on an open stream
     * @param maxRetries     retries after the first attempt
     * @param initialBackoff wait before the first retry when the server names none (doubles each time)
     * @param maxRetryWait   the longest wait between attempts; a longer {@code Retry-After} fails at once
     */
    public record Settings(Duration timeout, int maxRetries, Duration initialBackoff, Duration maxRetryWait) {
        public Settings {
            Objects.requireNonNull(timeout, "timeout");
            Objects.requireNonNull(initialBackoff, "initialBackoff");
            Objects.requireNonNull(maxRetryWait, "maxRetryWait");
            if (maxRetries < 0) throw new IllegalArgumentException("maxRetries must not be negative, was " + maxRetries);
        }
    }

    public ResilientHttpClient(Settings settings) {
        this(settings, Clock.systemUTC());
    }

    ResilientHttpClient(Settings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        OkHttpClient base = new OkHttpClient.Builder()
                .connectTimeout(settings.timeout())
                .readTimeout(settings.timeout())
                .writeTimeout(settings.timeout())
                .retryOnConnectionFailure(false)
                .build();
        this.blocking = base.newBuilder().callTimeout(settings.timeout()).build();
        this.streaming = base;
    }

    /** A LangChain4j builder that yields this client (its own timeouts are taken from {@link Settings}). */
    public static HttpClientBuilder builder(Settings settings) {
        return new HttpClientBuilder() {
            private Duration connect = settings.timeout();
            private Duration read = settings.timeout();
            @Override public Duration connectTimeout() { return connect; }
            @Override public HttpClientBuilder connectTimeout(Duration d) { if (d != null) connect = d; return this; }
            @Override public Duration readTimeout() { return read; }
            @Override public HttpClientBuilder readTimeout(Duration d) { if (d != null) read = d; return this; }
            @Override public HttpClient build() { return new ResilientHttpClient(settings); }
        };
    }

    @Override
    public SuccessfulHttpResponse execute(HttpRequest request) {
        try (Response response = send(blocking, request)) {
            String body = response.body().string();
            return SuccessfulHttpResponse.builder().statusCode(response.code())
                    .headers(headers(response)).body(body).build();
        } catch (InterruptedIOException e) {
            throw new TimeoutException("No complete response from " + request.url() + " within " + settings.timeout(), e);
        } catch (IOException e) {
            throw new HttpFailure("Request to " + request.url() + " failed: " + e, e);
        }
    }

    @Override
    public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
        Thread.ofVirtual().name("catena-openai-stream").start(() -> stream(request, parser, listener));
    }

    private void stream(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
        Response response;
        try {
            response = send(streaming, request);
        } catch (RuntimeException e) {
            listener.onError(e);
            return;
        } catch (InterruptedIOException e) {
            listener.onError(new TimeoutException("No response from " + request.url() + " within " + settings.timeout(), e));
            return;
        } catch (IOException e) {
            listener.onError(new HttpFailure("Connecting to " + request.url() + " failed: " + e.getMessage(), e));
            return;
        }
        try (response) {
            listener.onOpen(SuccessfulHttpResponse.builder().statusCode(response.code()).headers(headers(response)).build());
            CheckingListener checking = new CheckingListener(listener, request.url());
            parser.parse(new IdleGuard(response.body().byteStream(), request.url(), settings.timeout()), checking);
            if (checking.malformed != null) listener.onError(checking.malformed);
            else if (!checking.failed) listener.onClose();
        } catch (RuntimeException e) {
            listener.onError(e);
        }
    }

    /** Sends with retries; returns a 2xx response (open, for the caller to close) or throws. */
    private Response send(OkHttpClient client, HttpRequest request) throws IOException {
        Request okRequest = toOkHttp(request);
        for (int attempt = 0; ; attempt++) {
            Duration wait;
            try {
                Response response = client.newCall(okRequest).execute();
                if (response.isSuccessful()) return response;
                int code = response.code();
                String body;
                try (response) {
                    body = redact(response.body().string(), request);
                }
                if (!RETRYABLE.contains(code)) throw new HttpException(code, body);
                var asked = RetryAfter.parse(response.header("Retry-After"), clock.instant());
                if (asked.isPresent() && asked.get().compareTo(settings.maxRetryWait()) > 0) {
                    throw new RetryExhaustedException(code, "HTTP " + code + " from " + request.url() + ": the server asks to retry after "
                            + asked.get().toSeconds() + " s, longer than the allowed " + settings.maxRetryWait().toSeconds() + " s; body: " + body);
                }
                if (attempt >= settings.maxRetries()) {
                    throw new RetryExhaustedException(code, "HTTP " + code + " from " + request.url() + " after " + (attempt + 1)
                            + " attempt(s); body: " + body);
                }
                wait = asked.isPresent() ? asked.get() : backoff(attempt);
                LOG.warn("HTTP {} from {}, retry {} of {} in {} ms", code, request.url(), attempt + 1, settings.maxRetries(), wait.toMillis());
            } catch (InterruptedIOException e) {
                throw e; // a timeout is not retried: the bound on the caller's wait is the timeout
            } catch (IOException e) {
                if (attempt >= settings.maxRetries()) throw e;
                wait = backoff(attempt);
                LOG.warn("Request to {} failed ({}), retry {} of {} in {} ms", request.url(), e.toString(), attempt + 1,
                        settings.maxRetries(), wait.toMillis());
            }
            sleep(wait);
        }
    }

    /**
     * {@code text} with the request's credentials (bearer token, {@code api-key} header) masked: some
     * servers echo a wrong key in their error body, which would otherwise reach exception messages.
     */
    static String redact(String text, HttpRequest request) {
        if (text == null || text.isEmpty()) return text;
        String out = text;
        for (Map.Entry<String, List<String>> h : request.headers().entrySet()) {
            String name = h.getKey().toLowerCase(java.util.Locale.ROOT);
            if (!name.equals("authorization") && !name.equals("api-key") && !name.equals("x-api-key")) continue;
            for (String value : h.getValue()) {
                String secret = value.regionMatches(true, 0, "Bearer ", 0, 7) ? value.substring(7).strip() : value.strip();
                if (secret.length() >= 4) out = out.replace(secret, "***");
            }
        }
        return out;
    }

    private Duration backoff(int attempt) {
        long base = settings.initialBackoff().toMillis() << Math.min(attempt, 20);
        long capped = Math.min(base, settings.maxRetryWait().toMillis());
        return Duration.ofMillis(capped <= 0 ? 0 : ThreadLocalRandom.current().nextLong(capped / 2, capped + 1));
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HttpFailure("Interrupted while waiting to retry", e);
        }
    }

    private static Request toOkHttp(HttpRequest request) {
        Request.Builder b = new Request.Builder().url(request.url());
        request.headers().forEach((name, values) -> values.forEach(v -> b.addHeader(name, v)));
        if (request.method() == HttpMethod.GET) b.get();
        else if (request.method() == HttpMethod.DELETE) b.delete();
        else b.post(RequestBody.create(request.body() == null ? "" : request.body(), JSON));
        return b.build();
    }

    private static Map<String, List<String>> headers(Response response) {
        Map<String, List<String>> out = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String name : response.headers().names()) out.put(name, response.headers(name));
        return out;
    }

    /** A transport failure (connection refused or reset, interrupted wait) as an unchecked exception. */
    public static final class HttpFailure extends RuntimeException {
        public HttpFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Turns OkHttp's read timeout on an open stream into a message that says what happened. */
    private static final class IdleGuard extends FilterInputStream {
        private final String url;
        private final Duration idle;

        IdleGuard(InputStream in, String url, Duration idle) {
            super(in);
            this.url = url;
            this.idle = idle;
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (SocketTimeoutException e) {
                throw stalled(e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (SocketTimeoutException e) {
                throw stalled(e);
            }
        }

        private StreamStalledException stalled(SocketTimeoutException e) {
            StreamStalledException s = new StreamStalledException("stream stalled: no data from " + url + " for " + idle.toMillis() + " ms");
            s.initCause(e);
            return s;
        }
    }

    /** Fails the stream on an event whose data is not JSON, rather than letting it be skipped. */
    private static final class CheckingListener implements ServerSentEventListener {
        private final ServerSentEventListener delegate;
        private final String url;
        private int events;
        private boolean failed;
        private MalformedStreamException malformed;

        CheckingListener(ServerSentEventListener delegate, String url) {
            this.delegate = delegate;
            this.url = url;
        }

        @Override
        public void onEvent(ServerSentEvent event, ServerSentEventContext context) {
            if (malformed != null) return;
            events++;
            String data = event.data();
            if (data != null && !data.isBlank() && !"[DONE]".equals(data.trim())) {
                try {
                    MAPPER.readTree(data);
                } catch (JsonProcessingException e) {
                    malformed = new MalformedStreamException("malformed JSON in event " + events + " of the stream from " + url
                            + ": " + e.getOriginalMessage(), e);
                    context.parsingHandle().cancel();
                    return;
                }
            }
            delegate.onEvent(event, context);
        }

        @Override
        public void onEvent(ServerSentEvent event) {
            onEvent(event, new ServerSentEventContext(new dev.langchain4j.http.client.sse.CancellationUnsupportedHandle()));
        }

        @Override
        public void onError(Throwable error) {
            if (malformed != null) return; // the cancel closed the stream; the malformed event is the cause
            failed = true;
            delegate.onError(error);
        }
    }
}
