package dev.catena.samples.support;

import dev.catena.quarkus.runtime.CatenaRuntime;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bounded load test of the chat API on 127.0.0.1 with the rule-based model: 64 concurrent users,
 * each in its own conversation, for a fixed time. Prints sustained requests/s and latency
 * percentiles (recorded in BENCHMARKS.md) and asserts zero errors and zero cross-talk: every
 * request the model saw holds messages of one conversation only.
 *
 * <p>Runs in every {@code verify} for 20 s ({@code -Dload.seconds=N} and {@code -Dload.users=N} change the bounds):
 * the guarantees (no error, no cross-talk) are checked by CI; the printed rates are measurements of the machine.
 */
@QuarkusTest
class ChatLoadTest {

    static final int USERS = Integer.getInteger("load.users", 64);
    static final Duration DURATION = Duration.ofSeconds(Long.getLong("load.seconds", 20));
    static final Pattern USER_TAG = Pattern.compile("user-(\\d+) ");

    @TestHTTPResource("/api/chat")
    URL chat;

    @Inject
    CatenaRuntime catena;

    @Test
    void sixtyFourUsersWithoutErrorsOrCrossTalk() throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicInteger errors = new AtomicInteger();
        long deadline = System.nanoTime() + DURATION.toNanos();
        String[] questions = {"How long does standard shipping take?", "hello there", "What does express shipping cost?",
                "Can I pay with PayPal?", "How do I reset my password?"};
        try (ExecutorService users = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int u = 0; u < USERS; u++) {
                int user = u;
                users.submit(() -> {
                    for (int i = 0; System.nanoTime() < deadline; i++) {
                        String message = "user-" + user + " " + questions[i % questions.length];
                        String body = "{\"conversationId\":\"load-" + user + "\",\"message\":\"" + message + "\"}";
                        long start = System.nanoTime();
                        try {
                            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(chat.toString()))
                                    .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                            if (r.statusCode() != 200) errors.incrementAndGet();
                        } catch (Exception e) {
                            errors.incrementAndGet();
                        }
                        latencies.add(System.nanoTime() - start);
                    }
                    return null;
                });
            }
        }
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        double seconds = DURATION.toMillis() / 1000.0;
        System.out.printf("LOAD users=%d duration=%.0fs requests=%d errors=%d throughput=%.1f req/s p50=%.1f ms p99=%.1f ms max=%.1f ms%n",
                USERS, seconds, sorted.length, errors.get(), sorted.length / seconds,
                percentile(sorted, 50) / 1e6, percentile(sorted, 99) / 1e6, sorted[sorted.length - 1] / 1e6);

        assertThat(errors.get()).isZero();
        assertThat(sorted.length).isGreaterThan(USERS);
        RuleBasedModel model = (RuleBasedModel) catena.configured("local");
        List<String> crossTalk = new ArrayList<>();
        for (ChatRequest request : model.requests) {
            java.util.Set<String> usersSeen = new java.util.HashSet<>();
            for (ChatMessage m : request.messages()) {
                if (m instanceof UserMessage u) {
                    Matcher tag = USER_TAG.matcher(u.singleText());
                    while (tag.find()) usersSeen.add(tag.group(1));
                }
            }
            if (usersSeen.size() > 1) crossTalk.add(usersSeen + " in " + request.messages());
        }
        assertThat(crossTalk).as("requests mixing conversations").isEmpty();
    }

    static long percentile(long[] sorted, int p) {
        if (sorted.length == 0) return 0;
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(i, sorted.length - 1))];
    }
}
