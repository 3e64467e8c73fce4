package dev.catena.core.runnable;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The Flow bridge honours demand, completes, reports errors and closes the stream when cancelled. */
class RunStreamPublisherTest {

    private final ExecutorService executor = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    /** Records signals; completes {@code end} on onComplete or onError. */
    static final class Recorder implements Flow.Subscriber<String> {
        final List<String> items = new CopyOnWriteArrayList<>();
        final CompletableFuture<String> end = new CompletableFuture<>();
        final AtomicReference<Flow.Subscription> subscription = new AtomicReference<>();

        @Override public void onSubscribe(Flow.Subscription s) { subscription.set(s); }
        @Override public void onNext(String item) { items.add(item); }
        @Override public void onError(Throwable t) { end.completeExceptionally(t); }
        @Override public void onComplete() { end.complete("complete"); }
    }

    private static RunStream<String> counted(int n, AtomicInteger closes, AtomicInteger read) {
        List<String> chunks = IntStream.range(0, n).mapToObj(i -> "t" + i).toList();
        var it = chunks.iterator();
        return RunStream.fromIterator(new java.util.Iterator<>() {
            @Override public boolean hasNext() { return it.hasNext(); }
            @Override public String next() { read.incrementAndGet(); return it.next(); }
        }, closes::incrementAndGet);
    }

    /** Waits until every task submitted so far has run on the single reading thread. */
    private void settle() throws Exception {
        executor.submit(() -> {}).get(10, TimeUnit.SECONDS);
    }

    @Test
    void emitsNoMoreThanRequestedThenCompletesAndCloses() throws Exception {
        AtomicInteger closes = new AtomicInteger();
        AtomicInteger read = new AtomicInteger();
        Recorder r = new Recorder();
        RunStreamPublisher.of(() -> counted(5, closes, read), executor).subscribe(r);
        settle();
        assertThat(r.items).as("nothing before a request").isEmpty();

        r.subscription.get().request(2);
        settle();
        assertThat(r.items).containsExactly("t0", "t1");
        assertThat(read).as("chunks read from the stream").hasValue(2);
        assertThat(r.end).isNotDone();

        r.subscription.get().request(10);
        assertThat(r.end.get(10, TimeUnit.SECONDS)).isEqualTo("complete");
        assertThat(r.items).containsExactly("t0", "t1", "t2", "t3", "t4");
        assertThat(closes).hasValue(1);
    }

    @Test
    void eachSubscriberOpensItsOwnStream() throws Exception {
        AtomicInteger opened = new AtomicInteger();
        Flow.Publisher<String> publisher = RunStreamPublisher.of(() -> {
            opened.incrementAndGet();
            return RunStream.of("a", "b");
        }, executor);
        Recorder first = new Recorder();
        Recorder second = new Recorder();
        publisher.subscribe(first);
        publisher.subscribe(second);
        first.subscription.get().request(Long.MAX_VALUE);
        second.subscription.get().request(Long.MAX_VALUE);
        first.end.get(10, TimeUnit.SECONDS);
        second.end.get(10, TimeUnit.SECONDS);
        assertThat(first.items).containsExactly("a", "b");
        assertThat(second.items).containsExactly("a", "b");
        assertThat(opened).hasValue(2);
    }

    @Test
    void cancellingClosesTheStreamAndStopsEmitting() throws Exception {
        AtomicInteger closes = new AtomicInteger();
        AtomicInteger read = new AtomicInteger();
        Recorder r = new Recorder();
        RunStreamPublisher.of(() -> counted(100, closes, read), executor).subscribe(r);
        r.subscription.get().request(3);
        settle();
        r.subscription.get().cancel();
        r.subscription.get().request(50);
        settle();
        assertThat(r.items).containsExactly("t0", "t1", "t2");
        assertThat(closes).hasValue(1);
        assertThat(r.end).as("no terminal signal after cancel").isNotDone();
    }

    @Test
    void aFailingStreamIsAnErrorSignal() throws Exception {
        AtomicInteger closes = new AtomicInteger();
        Recorder r = new Recorder();
        RunStreamPublisher.of(() -> RunStream.fromIterator(new java.util.Iterator<String>() {
            int n;
            @Override public boolean hasNext() { return true; }
            @Override public String next() {
                if (n++ == 1) throw new RunException("model went away");
                return "x";
            }
        }, closes::incrementAndGet), executor).subscribe(r);
        r.subscription.get().request(5);
        assertThat(r.end).failsWithin(10, TimeUnit.SECONDS).withThrowableThat().withMessageContaining("model went away");
        assertThat(r.items).containsExactly("x");
        assertThat(closes).hasValue(1);
    }

    @Test
    void aNonPositiveRequestIsAnError() {
        AtomicInteger closes = new AtomicInteger();
        Recorder r = new Recorder();
        RunStreamPublisher.of(() -> counted(3, closes, new AtomicInteger()), executor).subscribe(r);
        r.subscription.get().request(0);
        assertThat(r.end).failsWithin(10, TimeUnit.SECONDS).withThrowableThat()
                .havingRootCause().isInstanceOf(IllegalArgumentException.class).withMessageContaining("rule 3.9");
        assertThat(r.items).isEmpty();
    }
}
