package dev.catena.openai;

import dev.catena.core.model.ChatModelRunnable;
import dev.catena.core.runnable.RunStream;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.model.chat.StreamingChatModel;
import mockwebserver3.MockResponse;
import mockwebserver3.MockResponseBody;
import mockwebserver3.MockWebServer;
import okio.BufferedSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Faults of a remote OpenAI-compatible server (issue 9), injected over real HTTP on 127.0.0.1:
 * rate limits with {@code Retry-After}, 5xx, a connection reset mid-stream, a stalled stream,
 * malformed JSON, and a stream closed early. Every fault ends in a clear error or a retried
 * success; a cut stream is never returned as a short answer.
 */
class BackendFaultsTest {

    private static final String COMPLETION = """
            {"id":"c","object":"chat.completion","created":1,"model":"m",
             "choices":[{"index":0,"message":{"role":"assistant","content":"Paris."},"finish_reason":"stop"}]}""";

    private MockWebServer server;
    private final CountDownLatch release = new CountDownLatch(1);

    @BeforeEach
    void start() throws Exception {
        server = new MockWebServer();
        server.start();
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.close();
    }

    private OpenAiCompatibleConfig.Builder config() {
        return OpenAiCompatibleConfig.builder().baseUrl(server.url("/v1").toString()).modelName("m")
                .timeout(Duration.ofSeconds(5)).maxRetries(2).initialBackoff(Duration.ofMillis(100)).maxRetryWait(Duration.ofSeconds(5));
    }

    private static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
    }

    private static String chunk(String content, String finish) {
        return "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,"
                + "\"delta\":{\"content\":\"" + content + "\"},\"finish_reason\":" + (finish == null ? "null" : "\"" + finish + "\"") + "}]}\n\n";
    }

    private static String sse(String... parts) {
        return String.join("", parts);
    }

    private static List<String> streamThroughRunnable(OpenAiCompatibleChatModel model, List<String> seen) {
        try (RunStream<AiMessage> stream = ChatModelRunnable.of((StreamingChatModel) model).stream("hi")) {
            stream.forEachRemaining(m -> seen.add(m.text()));
        }
        return seen;
    }

    private static long millisSince(long start) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    @Test
    void rateLimitWithRetryAfterIsHonoured() {
        server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "1").body("{\"error\":{\"message\":\"slow down\"}}").build());
        server.enqueue(json(200, COMPLETION));
        OpenAiCompatibleChatModel model = OpenAiCompatibleChatModel.create(config().build(), n -> null);

        long start = System.nanoTime();
        assertThat(model.chat("hi")).isEqualTo("Paris.");
        assertThat(millisSince(start)).as("waited for Retry-After: 1").isGreaterThanOrEqualTo(950);
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void retryAfterLongerThanTheBoundFailsAtOnceNamingTheWait() {
        server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "120").body("{\"error\":{\"message\":\"quota\"}}").build());
        OpenAiCompatibleChatModel model = OpenAiCompatibleChatModel.create(config().build(), n -> null);

        assertThatThrownBy(() -> model.chat("hi"))
                .hasMessageContaining("retry after 120 s").hasMessageContaining("allowed 5 s")
                .satisfies(e -> assertThat(httpStatus(e)).isEqualTo(429));
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void rateLimitRetriesAreBounded() {
        for (int i = 0; i < 3; i++) server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "0").body("busy").build());
        server.enqueue(json(200, COMPLETION));
        OpenAiCompatibleChatModel model = OpenAiCompatibleChatModel.create(config().maxRetries(2).build(), n -> null);

        assertThatThrownBy(() -> model.chat("hi")).hasMessageContaining("after 3 attempt(s)")
                .satisfies(e -> assertThat(httpStatus(e)).isEqualTo(429));
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void serverErrorsAreRetriedWithBackoff() {
        server.enqueue(json(500, "{\"error\":{\"message\":\"boom\"}}"));
        server.enqueue(json(503, "{\"error\":{\"message\":\"busy\"}}"));
        server.enqueue(json(200, COMPLETION));
        OpenAiCompatibleChatModel model = OpenAiCompatibleChatModel.create(config().build(), n -> null);

        long start = System.nanoTime();
        assertThat(model.chat("hi")).isEqualTo("Paris.");
        // backoff 100 ms then 200 ms, each jittered to at least half
        assertThat(millisSince(start)).isGreaterThanOrEqualTo(150);
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void clientErrorsAreNotRetried() {
        server.enqueue(json(400, "{\"error\":{\"message\":\"bad request: unknown field\"}}"));
        OpenAiCompatibleChatModel model = OpenAiCompatibleChatModel.create(config().build(), n -> null);

        assertThatThrownBy(() -> model.chat("hi")).hasMessageContaining("unknown field");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void aServerThatIsDownFailsNamingItAfterTheRetries() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        OpenAiCompatibleChatModel model = OpenAiCompatibleChatModel.create(config()
                .baseUrl("http://127.0.0.1:" + port + "/v1").initialBackoff(Duration.ofMillis(10)).build(), n -> null);

        assertThatThrownBy(() -> model.chat("hi")).hasStackTraceContaining("Request to http://127.0.0.1:" + port + "/v1/chat/completions failed")
                .hasStackTraceContaining("ConnectException");
        List<String> seen = new ArrayList<>();
        assertThatThrownBy(() -> streamThroughRunnable(model, seen))
                .hasStackTraceContaining("Connecting to http://127.0.0.1:" + port + "/v1/chat/completions failed");
        assertThat(seen).isEmpty();
    }

    @Test
    void aStreamIsRetriedOnlyBeforeItStarts() {
        server.enqueue(json(503, "busy"));
        server.enqueue(new MockResponse.Builder().addHeader("Content-Type", "text/event-stream")
                .body(sse(chunk("Hel", null), chunk("lo", "stop"), "data: [DONE]\n\n")).build());
        OpenAiCompatibleChatModel model = OpenAiCompatibleChatModel.create(config().build(), n -> null);

        assertThat(streamThroughRunnable(model, new ArrayList<>())).containsExactly("Hel", "lo");
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void connectionResetMidStreamIsReportedAsCut() throws Exception {
        try (ServerSocket raw = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> resetAfterTwoTokens(raw));
            OpenAiCompatibleChatModel model = OpenAiCompatibleChatModel.create(config()
                    .baseUrl("http://127.0.0.1:" + raw.getLocalPort() + "/v1").maxRetries(0).build(), n -> null);

            List<String> seen = new ArrayList<>();
            assertThatThrownBy(() -> streamThroughRunnable(model, seen))
                    .hasStackTraceContaining("stream cut after 2 tokens")
                    .satisfies(e -> assertThat(cut(e).tokens()).isEqualTo(2));
            assertThat(seen).containsExactly("Hel", "lo");
        }
    }

    /** A real TCP reset: two events, then close with SO_LINGER 0. */
    private static void resetAfterTwoTokens(ServerSocket raw) {
        try (Socket s = raw.accept()) {
            InputStream in = s.getInputStream();
            readRequest(in);
            OutputStream out = s.getOutputStream();
            String body = chunk("Hel", null) + chunk("lo", null);
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + Integer.toHexString(body.getBytes(StandardCharsets.UTF_8).length) + "\r\n" + body + "\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            Thread.sleep(200);
            s.setSoLinger(true, 0);
        } catch (IOException | InterruptedException e) {
            throw new RuntimeException(e);
        }
    }

    private static void readRequest(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) head.append((char) in.read());
        String h = head.toString().toLowerCase();
        int i = h.indexOf("content-length:");
        int length = Integer.parseInt(h.substring(i + 15, h.indexOf('\r', i)).trim());
        in.readNBytes(length);
    }

    @Test
    void aStalledStreamTimesOutWithAClearError() {
        server.enqueue(new MockResponse.Builder().addHeader("Content-Type", "text/event-stream")
                .body(new StallingBody(chunk("Hel", null) + chunk("lo", null), release)).build());
        OpenAiCompatibleChatModel model = OpenAiCompatibleChatModel.create(config().timeout(Duration.ofMillis(500)).build(), n -> null);

        List<String> seen = new ArrayList<>();
        assertThatThrownBy(() -> streamThroughRunnable(model, seen))
                .hasStackTraceContaining("stream cut after 2 tokens: stream stalled: no data from")
                .hasStackTraceContaining("for 500 ms");
        assertThat(release.getCount()).as("failed while the server was still stalling, not when it ended the stream").isEqualTo(1);
        assertThat(seen).containsExactly("Hel", "lo");
        assertThat(server.getRequestCount()).as("a started stream is never retried").isEqualTo(1);
    }

    @Test
    void aStreamClosedWithoutFinishReasonIsCutNotAShortAnswer() {
        for (int i = 0; i < 2; i++) {
            server.enqueue(new MockResponse.Builder().addHeader("Content-Type", "text/event-stream")
                    .body(sse(chunk("The answer is", null), chunk(" 4", null))).build());
        }
        OpenAiCompatibleChatModel model = OpenAiCompatibleChatModel.create(config().build(), n -> null);

        List<String> seen = new ArrayList<>();
        assertThatThrownBy(() -> streamThroughRunnable(model, seen))
                .hasStackTraceContaining("stream cut after 2 tokens: the server closed the stream without a finish reason");
        try (RunStream<AiMessage> stream = ChatModelRunnable.of((StreamingChatModel) model).stream("hi")) {
            assertThatThrownBy(stream::collect).hasStackTraceContaining("stream cut after");
        }
    }

    @Test
    void malformedJsonInABlockingAnswerIsAClearError() {
        server.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json").body("{\"choices\":[{\"message\": oops").build());
        OpenAiCompatibleChatModel model = OpenAiCompatibleChatModel.create(config().build(), n -> null);

        assertThatThrownBy(() -> model.chat("hi")).isInstanceOf(MalformedResponseException.class)
                .hasMessageContaining("malformed JSON in the response from " + server.url("/v1"));
    }

    @Test
    void malformedJsonInAStreamCutsItNamingTheEvent() {
        server.enqueue(new MockResponse.Builder().addHeader("Content-Type", "text/event-stream")
                .body(sse(chunk("Hel", null), "data: {\"choices\":[{\"delta\": nope\n\n", chunk("lo", "stop"), "data: [DONE]\n\n")).build());
        OpenAiCompatibleChatModel model = OpenAiCompatibleChatModel.create(config().build(), n -> null);

        List<String> seen = new ArrayList<>();
        assertThatThrownBy(() -> streamThroughRunnable(model, seen))
                .hasStackTraceContaining("stream cut after 1 tokens: malformed JSON in event 2 of the stream");
        assertThat(seen).containsExactly("Hel");
    }

    private static StreamCutException cut(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) if (t instanceof StreamCutException c) return c;
        throw new AssertionError("no StreamCutException in " + e, e);
    }

    private static int httpStatus(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) if (t instanceof HttpException h) return h.statusCode();
        throw new AssertionError("no HttpException in " + e, e);
    }

    /** Sends the given events, then holds the connection open without sending anything. */
    private record StallingBody(String events, CountDownLatch release) implements MockResponseBody {
        @Override public long getContentLength() { return -1; }

        @Override
        public void writeTo(BufferedSink sink) throws IOException {
            sink.writeUtf8(events);
            sink.flush();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
