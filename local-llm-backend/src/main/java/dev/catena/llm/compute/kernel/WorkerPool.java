package dev.catena.llm.compute.kernel;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntConsumer;

/**
 * A persistent pool of {@code threads - 1} daemon workers plus the calling thread that runs one job of
 * {@code parts} parts at a time: the one pool of a model's compute, for its matrix products and its
 * parallel loops alike. Workers spin briefly between jobs (a forward pass issues a product every few
 * microseconds, faster than a parked thread wakes up), then park. No allocation per job. Concurrent
 * callers are served one job at a time.
 *
 * <p>Each part is claimed once, by its own worker or, when that worker has not started it by the time the
 * calling thread has done its own part, by the calling thread: a worker that another process keeps off its core
 * (a busy machine) then costs the job nothing, where waiting for it would cost the whole product.
 */
final class WorkerPool implements AutoCloseable {

    /** How long an idle worker spins before parking. */
    private static final long SPIN_NANOS = 200_000;

    private final Thread[] workers;
    private final ReentrantLock lock = new ReentrantLock();
    /** Parts of the current job not yet done. */
    private final AtomicInteger remaining = new AtomicInteger();
    /** Per part: the last job (epoch) in which it was claimed. */
    private final AtomicLongArray claims;
    /**
     * The current job's number (epoch) above {@link #PART_BITS} bits and its parts below, published together so
     * that a worker never pairs one job's number with another's parts.
     */
    private volatile long state;
    private static final int PART_BITS = 16;
    private volatile IntConsumer job;
    private volatile Throwable failure;
    private volatile boolean closed;

    /** A loop job of one calling thread, reused so that {@link #parallelFor} allocates nothing. */
    private final ThreadLocal<RangeJob> ranges = ThreadLocal.withInitial(RangeJob::new);

    /** Part p of a parallel loop over 0 &lt;= i &lt; n: the p-th of {@code parts} even, contiguous shares. */
    private static final class RangeJob implements IntConsumer {
        int n;
        int parts;
        IntConsumer body;

        @Override
        public void accept(int p) {
            int end = (int) ((long) n * (p + 1) / parts);
            for (int i = (int) ((long) n * p / parts); i < end; i++) {
                body.accept(i);
            }
        }
    }

    /** @param threads total threads, at least 1 ({@code 1} runs every job on the calling thread) */
    WorkerPool(int threads) {
        if (threads < 1 || threads >= 1 << PART_BITS) {
            throw new IllegalArgumentException("threads must be between 1 and " + ((1 << PART_BITS) - 1) + ", got " + threads);
        }
        workers = new Thread[threads - 1];
        claims = new AtomicLongArray(threads);
        for (int i = 0; i < workers.length; i++) {
            int index = i + 1;
            workers[i] = new Thread(() -> work(index), "catena-kernel-" + index);
            workers[i].setDaemon(true);
            workers[i].start();
        }
    }

    int threads() {
        return workers.length + 1;
    }

    /** Runs {@code job.accept(p)} for 0 &lt;= p &lt; parts (parts at most {@link #threads()}) and waits for all. */
    void run(int parts, IntConsumer job) {
        if (parts > threads()) {
            throw new IllegalArgumentException("parts " + parts + " > threads " + threads());
        }
        if (closed) {
            throw new IllegalStateException("the compute is closed");
        }
        if (parts == 1) {
            job.accept(0);
            return;
        }
        lock.lock();
        try {
            this.job = job;
            this.failure = null;
            remaining.set(parts);
            long e = (state >>> PART_BITS) + 1;
            state = e << PART_BITS | parts;
            for (int w = 0; w < parts - 1; w++) {
                LockSupport.unpark(workers[w]);
            }
            for (int p = 0; p < parts; p++) { // its own part first, then those no worker has started yet
                if (claim(p, e)) {
                    runPart(job, p);
                }
            }
            while (remaining.get() != 0) {
                Thread.onSpinWait();
            }
            this.job = null;
            Throwable t = failure;
            if (t instanceof RuntimeException re) {
                throw re;
            }
            if (t instanceof Error err) {
                throw err;
            }
            if (t != null) {
                throw new IllegalStateException(t);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Whether this thread is the first to take part {@code p} of job {@code e}. */
    private boolean claim(int p, long e) {
        long last = claims.get(p);
        return last < e && claims.compareAndSet(p, last, e);
    }

    private void runPart(IntConsumer job, int p) {
        try {
            job.accept(p);
        } catch (Throwable t) {
            if (failure == null) {
                failure = t;
            }
        } finally {
            remaining.decrementAndGet();
        }
    }

    /** Runs {@code body} for 0 &lt;= i &lt; n in up to {@link #threads()} contiguous shares and waits for all. */
    void parallelFor(int n, IntConsumer body) {
        int parts = Math.min(threads(), n);
        if (parts < 1) {
            return;
        }
        if (parts == 1) {
            for (int i = 0; i < n; i++) {
                body.accept(i);
            }
            return;
        }
        RangeJob job = ranges.get();
        job.n = n;
        job.parts = parts;
        job.body = body;
        try {
            run(parts, job);
        } finally {
            job.body = null;
        }
    }

    private void work(int index) {
        long seen = 0;
        while (!closed) {
            long start = System.nanoTime();
            while (state >>> PART_BITS == seen && !closed) {
                if (System.nanoTime() - start < SPIN_NANOS) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.parkNanos(this, 10_000_000L);
                }
            }
            if (closed) {
                return;
            }
            long s = state;
            seen = s >>> PART_BITS;
            // only a part of job `seen`: until it is done that job cannot end, so `job` stays the job's own
            if (index < (int) (s & ((1 << PART_BITS) - 1)) && claim(index, seen)) {
                runPart(job, index);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        for (Thread w : workers) {
            LockSupport.unpark(w);
        }
    }
}
