package dev.catena.samples.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A bounded load on a bot that is already running (e.g. on the real local model, started by
 * {@code .ci/run-main} with {@code CATENA_SERVE=1}): {@code load.users} users, each in its own
 * conversation, ask the main job's questions in turn for {@code load.seconds}; requests still in
 * flight at the end are awaited and counted. Prints throughput and p50/p99 latency; fails on any
 * error or on a reply for another conversation. Skipped unless {@code -Dload.url} names the chat API.
 */
@Tag("load")
class LiveBotLoadTest {

    static final List<String> QUESTIONS = List.of("How long does standard shipping take?", "And how much does express shipping cost?",
            "退货有多少天？", "Where is my order BW-100002?", "hello");

    @Test
    void boundedLoadOnARunningBot() throws Exception {
        String url = System.getProperty("load.url");
        assumeTrue(url != null && !url.isBlank(), "set -Dload.url=http://127.0.0.1:8080/api/chat to load a running bot");
        int users = Integer.getInteger("load.users", 4);
        Duration duration = Duration.ofSeconds(Long.getLong("load.seconds", 60));
        ObjectMapper json = new ObjectMapper();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
        List<String> errors = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger handoffs = new AtomicInteger();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int u = 0; u < users; u++) {
                String conversation = "load-" + ProcessHandle.current().pid() + "-u" + u;
                int first = u;
                pool.submit(() -> {
                    for (int i = first; System.nanoTime() < end; i++) {
                        String body = json.createObjectNode().put("conversationId", conversation)
                                .put("message", QUESTIONS.get(i % QUESTIONS.size())).toString();
                        long t = System.nanoTime();
                        try {
                            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(15))
                                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                                    HttpResponse.BodyHandlers.ofString());
                            JsonNode reply = json.readTree(r.body());
                            if (r.statusCode() != 200) {
                                errors.add(r.statusCode() + " " + r.body());
                            } else if (!conversation.equals(reply.path("conversationId").asText())) {
                                errors.add("reply for " + reply.path("conversationId").asText() + " sent to " + conversation);
                            } else {
                                latencies.add((System.nanoTime() - t) / 1e6);
                                if (!reply.path("handoffTicket").isNull()) handoffs.incrementAndGet();
                            }
                        } catch (Exception e) {
                            errors.add(e.toString());
                        }
                    }
                    return null;
                });
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double[] sorted = latencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        System.out.printf("LIVE-LOAD users=%d window=%ds elapsed=%.0fs replies=%d errors=%d handoffs=%d throughput=%.3f req/s p50=%.0f ms p99=%.0f ms max=%.0f ms%n",
                users, duration.toSeconds(), seconds, sorted.length, errors.size(), handoffs.get(), sorted.length / seconds,
                pct(sorted, 0.50), pct(sorted, 0.99), sorted.length == 0 ? 0 : sorted[sorted.length - 1]);
        assertThat(errors).as("errors").isEmpty();
        assertThat(sorted).as("replies").isNotEmpty();
    }

    private static double pct(double[] sorted, double p) {
        if (sorted.length == 0) return 0;
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }
}
