package dev.catena.llm.compute.kernel;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each part of each job runs exactly once, on its worker or on the calling thread when the worker is late. */
class WorkerPoolTest {

    @Test
    void everyPartOfEveryJobRunsExactlyOnce() {
        try (WorkerPool pool = new WorkerPool(3)) {
            int jobs = 20_000;
            AtomicIntegerArray runs = new AtomicIntegerArray(3);
            for (int j = 0; j < jobs; j++) {
                int parts = 2 + j % 2;
                pool.run(parts, runs::incrementAndGet);
            }
            assertThat(runs.get(0)).isEqualTo(jobs);
            assertThat(runs.get(1)).isEqualTo(jobs);
            assertThat(runs.get(2)).isEqualTo(jobs / 2);
        }
    }

    /** A parked worker wakes up later than the caller finishes a tiny part: the caller takes the worker's part. */
    @Test
    void theCallerRunsThePartOfAWorkerThatHasNotStarted() throws Exception {
        try (WorkerPool pool = new WorkerPool(2)) {
            Thread caller = Thread.currentThread();
            int byCaller = 0;
            for (int attempt = 0; attempt < 20; attempt++) {
                Thread.sleep(5); // longer than the workers' spin: they park
                Thread[] ranBy = new Thread[2];
                pool.run(2, p -> ranBy[p] = Thread.currentThread());
                assertThat(ranBy[0]).isSameAs(caller);
                assertThat(ranBy[1]).isNotNull();
                byCaller += ranBy[1] == caller ? 1 : 0;
            }
            assertThat(byCaller).as("jobs whose worker part the caller ran").isPositive();
        }
    }

    /**
     * A worker that starts its part and is then kept off its core (a sleep here) makes the caller wait longer than
     * it worked itself: after
     * {@link WorkerPool#LATE_EVENTS} such jobs the caller runs jobs alone, and after the back-off the workers again.
     */
    @Test
    void workersThatKeepArrivingLateAreLeftOutForAWhile() throws Exception {
        try (WorkerPool pool = new WorkerPool(2)) {
            Thread caller = Thread.currentThread();
            AtomicBoolean started = new AtomicBoolean();
            Thread[] ranBy = new Thread[2];
            IntConsumer lateWorker = p -> {
                ranBy[p] = Thread.currentThread();
                if (p == 1) {
                    started.set(true);
                    if (Thread.currentThread() != caller) {
                        LockSupport.parkNanos(20_000_000L); // longer than the caller waits for it to start
                    }
                } else {
                    long until = System.nanoTime() + 1_000_000_000L; // the caller lets its worker take part 1
                    while (!started.get() && System.nanoTime() < until) {
                        Thread.onSpinWait();
                    }
                }
            };
            for (int j = 0; j < WorkerPool.LATE_EVENTS; j++) {
                assertThat(pool.fallbacks()).isZero();
                started.set(false);
                pool.run(2, lateWorker);
                assertThat(ranBy[1]).as("job %d, part 1", j).isNotSameAs(caller);
            }
            assertThat(pool.fallbacks()).isEqualTo(1);

            started.set(false);
            pool.run(2, lateWorker);
            assertThat(ranBy).as("during the back-off").containsOnly(caller);

            Thread.sleep(WorkerPool.MIN_BACKOFF_NANOS / 1_000_000 + 20);
            started.set(false);
            pool.run(2, lateWorker);
            assertThat(ranBy[1]).as("after the back-off").isNotSameAs(caller);
        }
    }

    /** A caller kept off its core in the middle of its part (a sleep here) while its worker is quick: same fallback. */
    @Test
    void aCallerThatKeepsArrivingLateRunsAlone() {
        try (WorkerPool pool = new WorkerPool(2)) {
            Thread caller = Thread.currentThread();
            Thread[] ranBy = new Thread[2];
            IntConsumer lateCaller = p -> {
                ranBy[p] = Thread.currentThread();
                if (p == 0) {
                    LockSupport.parkNanos(20_000_000L);
                }
            };
            for (int j = 0; j < WorkerPool.LATE_EVENTS; j++) {
                assertThat(pool.fallbacks()).isZero();
                pool.run(2, lateCaller);
                assertThat(ranBy[1]).as("job %d, part 1", j).isNotSameAs(caller);
            }
            assertThat(pool.fallbacks()).isEqualTo(1);
            pool.run(2, lateCaller);
            assertThat(ranBy).as("during the back-off").containsOnly(caller);
        }
    }

    @Test
    void aFailingPartFailsTheJobAndThePoolStaysUsable() {
        try (WorkerPool pool = new WorkerPool(2)) {
            assertThatThrownBy(() -> pool.run(2, p -> {
                if (p == 1) {
                    throw new IllegalStateException("part 1 failed");
                }
            })).isInstanceOf(IllegalStateException.class).hasMessage("part 1 failed");
            AtomicIntegerArray runs = new AtomicIntegerArray(2);
            pool.run(2, runs::incrementAndGet);
            assertThat(runs.get(0)).isEqualTo(1);
            assertThat(runs.get(1)).isEqualTo(1);
        }
    }
}
