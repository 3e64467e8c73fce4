package dev.catena.quarkus.deployment;

import dev.catena.core.runnable.RunStream;
import dev.catena.quarkus.runtime.CatenaStreams;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** A RunStream as a Mutiny Multi: every chunk in order, and a cancelled subscription closes the stream. */
class CatenaStreamsTest {

    @Test
    void everyChunkArrivesInOrder() {
        assertThat(CatenaStreams.multi(() -> RunStream.of("The", " Seine", ".")).collect().asList().await().atMost(Duration.ofSeconds(10)))
                .containsExactly("The", " Seine", ".");
    }

    @Test
    void takingTheFirstChunksClosesTheStreamAndSoCancelsItsProducer() throws InterruptedException {
        AtomicInteger produced = new AtomicInteger();
        CountDownLatch closed = new CountDownLatch(1);
        Iterator<String> endless = new Iterator<>() {
            @Override public boolean hasNext() { return true; }
            @Override public String next() { return "t" + produced.incrementAndGet(); }
        };
        assertThat(CatenaStreams.multi(() -> RunStream.fromIterator(endless, closed::countDown))
                .select().first(2).collect().asList().await().atMost(Duration.ofSeconds(10)))
                .containsExactly("t1", "t2");
        assertThat(closed.await(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void eachSubscriptionOpensItsOwnStream() {
        AtomicInteger opened = new AtomicInteger();
        var multi = CatenaStreams.multi(() -> {
            opened.incrementAndGet();
            return RunStream.of("x");
        });
        multi.collect().asList().await().atMost(Duration.ofSeconds(10));
        multi.collect().asList().await().atMost(Duration.ofSeconds(10));
        assertThat(opened).hasValue(2);
    }
}
