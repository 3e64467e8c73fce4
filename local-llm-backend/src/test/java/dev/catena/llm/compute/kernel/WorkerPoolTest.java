package dev.catena.llm.compute.kernel;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicIntegerArray;

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
