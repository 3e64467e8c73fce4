package dev.catena.llm.batch;

import dev.catena.llm.model.Decoding;
import dev.catena.llm.model.GenerationOptions;
import dev.catena.llm.model.Model;
import dev.catena.llm.model.SequenceStep;
import dev.catena.llm.model.Session;
import dev.catena.llm.model.TokenListener;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Continuous batching over one {@link Model}: every step advances each running request by one token in a single
 * forward pass ({@link Session#forward}), so the weights are streamed once per step for all of them. Requests
 * join (from a bounded queue) and leave (finished, failed or cancelled) between steps; a prompt is fed in chunks
 * of at most {@link BatchConfig#prefillChunk()} tokens per step next to the others' decode steps. Each request
 * keeps its own sampling parameters, seed, stop strings, grammar and KV cache, and gets the tokens it gets alone
 * (within the float tolerance documented in {@code BatchedForwardTest}).
 *
 * <p>A request over {@link BatchConfig#contextLength()} is refused before it takes a slot; when slots and queue
 * are full, {@link #submit} throws {@link SchedulerOverloadedException} at once. A slot that finishes keeps its
 * tokens: the next request picks the free slot that shares most of its prompt while discarding least of what it
 * holds (the most tokens shared minus tokens dropped), and computes only the rest. The steps run on one thread, started on demand and ended when idle; listeners are called on it, between
 * steps, so they must return quickly. Thread-safe.
 */
public final class BatchScheduler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BatchScheduler.class);

    private final Model model;
    private final BatchConfig config;
    private final Slot[] slots;
    private final long kvBytesPerSlot;
    private final ArrayDeque<Request> queue = new ArrayDeque<>();
    private int inFlight; // queued plus active, guarded by this
    private boolean running; // guarded by this
    private Thread stepThread; // guarded by this: the thread running the steps, while running
    private boolean closed; // guarded by this
    private long steps;
    private long generated;
    private long reused;
    private long refused;
    /** Mean wall time of recent requests, in nanoseconds (an exponential moving average), for retry-after hints. */
    private double meanRequestNanos = 1e9;

    public BatchScheduler(Model model, BatchConfig config) {
        this.model = Objects.requireNonNull(model, "model");
        this.config = Objects.requireNonNull(config, "config");
        this.kvBytesPerSlot = (long) Math.ceil(2.0 * model.config().layers() * config.contextLength()
                * model.config().kvDim() * config.kvCache().bytesPerValue());
        this.slots = new Slot[config.slots()];
        for (int i = 0; i < slots.length; i++) {
            slots[i] = new Slot();
        }
        LOG.info("{}: {} slots of {} positions, KV cache {} ({} MiB per slot, at most {} MiB), queue {}",
                model.file().getFileName(), config.slots(), config.contextLength(), config.kvCache(),
                mib(kvBytesPerSlot), mib(kvBytesPerSlot * config.slots()), config.queueCapacity());
    }

    private static String mib(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f", bytes / (1024.0 * 1024.0));
    }

    public BatchConfig config() {
        return config;
    }

    public Model model() {
        return model;
    }

    /**
     * Queues a generation of {@code prompt}; the handle's result completes when it ends. {@link
     * GenerationOptions#cancelled()} is polled before each of its steps, on the scheduler's thread.
     *
     * @throws dev.catena.llm.model.ContextLengthExceededException when the prompt plus its max tokens exceed the
     *                                                             slots' context (nothing is queued)
     * @throws SchedulerOverloadedException                         when slots and queue are full
     * @throws IllegalStateException                                once the scheduler is closed
     */
    public GenerationHandle submit(int[] prompt, GenerationOptions options, TokenListener listener) {
        Objects.requireNonNull(listener, "listener");
        if (prompt.length == 0) {
            throw new IllegalArgumentException("the prompt has no tokens");
        }
        Decoding decoding = new Decoding(model.tokenizer(), prompt, options, config.contextLength());
        GenerationHandle handle = new GenerationHandle(this::wake);
        Request r = new Request(prompt.clone(), decoding, listener, handle);
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("the batch scheduler of " + model + " is closed");
            }
            if (inFlight >= config.slots() + config.queueCapacity()) {
                refused++;
                double perSlot = meanRequestNanos * (1 + queue.size()) / config.slots();
                throw new SchedulerOverloadedException(config.slots(), config.queueCapacity(),
                        Duration.ofSeconds(Math.max(1, (long) Math.ceil(perSlot / 1e9))));
            }
            inFlight++;
            queue.add(r);
            if (!running) {
                running = true;
                stepThread = Thread.ofPlatform().daemon().name("catena-batch-" + model.file().getFileName()).start(this::loop);
            }
            notifyAll();
        }
        return handle;
    }

    /** A snapshot of the slots, queue and counters. */
    public synchronized BatchMetrics metrics() {
        int active = 0;
        long kv = 0;
        for (Slot s : slots) {
            active += s.request != null ? 1 : 0;
            kv += s.session != null ? s.session.kvBytes() : 0;
        }
        return new BatchMetrics(slots.length, active, queue.size(), kvBytesPerSlot, kv, steps, generated, reused, refused);
    }

    /**
     * Refuses new requests, cancels the queued and running ones (they end with their text so far) and waits for the
     * step in progress to end, so that the model can be closed after this returns.
     */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            for (Request r : queue) {
                r.handle.cancel();
            }
            for (Slot s : slots) {
                if (s.request != null) {
                    s.request.handle.cancel();
                }
            }
            notifyAll();
            boolean interrupted = false;
            while (running && Thread.currentThread() != stepThread) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) Thread.currentThread().interrupt();
        }
    }

    private synchronized void wake() {
        notifyAll();
    }

    private void loop() {
        while (true) {
            synchronized (this) {
                admit();
                if (activeCount() == 0) {
                    running = false; // idle: the next submit starts a new thread
                    stepThread = null;
                    notifyAll(); // a close() may be waiting for the last step
                    return;
                }
            }
            try {
                step();
            } catch (Throwable t) { // a bug or a failed step: end every running request with it
                for (Slot s : slots) {
                    if (s.request != null) {
                        fail(s, t);
                    }
                }
            }
        }
    }

    /** Moves queued requests into free slots, each into the one whose kept tokens serve its prompt best. */
    private void admit() {
        while (!queue.isEmpty()) {
            Request r = queue.peek();
            if (r.handle.isCancelled() || r.decoding.options().cancelled().getAsBoolean()) {
                queue.poll();
                r.decoding.cancel();
                complete(r, 0);
                continue;
            }
            Slot best = null;
            long bestScore = Long.MIN_VALUE;
            for (Slot s : slots) {
                if (s.request == null) {
                    int common = s.session == null || !config.prefixReuse() ? 0 : s.session.sharedPrefix(r.prompt);
                    int held = s.session == null ? 0 : s.session.length();
                    // tokens reused minus tokens of a kept cache thrown away: a prompt sharing nothing goes to
                    // the slot holding least, so that longer kept caches survive for their next turn
                    long score = 2L * common - held;
                    if (score > bestScore) {
                        best = s;
                        bestScore = score;
                    }
                }
            }
            if (best == null) {
                return;
            }
            queue.poll();
            if (best.session == null) {
                best.session = model.newSession(config.contextLength(), config.kvCache());
            }
            if (!config.prefixReuse()) {
                best.session.reset();
            }
            r.cursor = best.session.reuse(r.prompt);
            r.reused = r.cursor;
            reused += r.cursor;
            r.admitted = System.nanoTime();
            best.request = r;
        }
    }

    private int activeCount() {
        int n = 0;
        for (Slot s : slots) {
            n += s.request != null ? 1 : 0;
        }
        return n;
    }

    /** One forward step over every running request, then one token sampled for each that is past its prompt. */
    private void step() {
        List<SequenceStep> batch = new ArrayList<>(slots.length);
        List<Slot> in = new ArrayList<>(slots.length);
        for (Slot s : slots) {
            Request r = s.request;
            if (r != null && (r.handle.isCancelled() || r.decoding.options().cancelled().getAsBoolean())) {
                r.decoding.cancel();
                release(s);
            }
        }
        int budget = config.prefillChunk();
        for (Slot s : slots) { // decode steps first: they are never held back
            Request r = s.request;
            if (r != null && r.cursor == r.prompt.length) {
                batch.add(SequenceStep.token(s.session, r.pending));
                in.add(s);
            }
        }
        for (Slot s : slots) { // then prompt chunks, in slot order, as long as the budget lasts
            Request r = s.request;
            if (r != null && r.cursor < r.prompt.length && budget > 0) {
                int to = Math.min(r.prompt.length, r.cursor + budget);
                budget -= to - r.cursor;
                batch.add(new SequenceStep(s.session, r.prompt, r.cursor, to, to == r.prompt.length));
                in.add(s);
            }
        }
        if (batch.isEmpty()) {
            return;
        }
        model.checkFile();
        float[][] logits = Session.forward(batch);
        synchronized (this) {
            steps++;
        }
        for (int k = 0; k < batch.size(); k++) {
            Slot s = in.get(k);
            Request r = s.request;
            if (batch.get(k).tokens() == r.prompt) {
                r.cursor = batch.get(k).to();
            }
            if (logits[k] == null) {
                continue;
            }
            if (r.firstToken == 0) {
                r.firstToken = System.nanoTime();
            }
            try {
                r.pending = r.decoding.next(logits[k], r.listener);
            } catch (RuntimeException | Error e) { // a grammar with no way on, a failing listener: this request only
                fail(s, e);
                continue;
            }
            synchronized (this) {
                generated++;
            }
            if (r.decoding.finished()) {
                release(s);
            }
        }
    }

    /** Ends the slot's request with its result (or cancellation) and frees the slot, keeping its tokens. */
    private void release(Slot s) {
        Request r = s.request;
        synchronized (this) {
            s.request = null;
        }
        complete(r, r.reused);
    }

    private void complete(Request r, int reusedTokens) {
        long end = System.nanoTime();
        long first = r.firstToken == 0 ? end : r.firstToken;
        long start = r.admitted == 0 ? end : r.admitted;
        synchronized (this) {
            inFlight--;
            meanRequestNanos = 0.8 * meanRequestNanos + 0.2 * (end - r.submitted);
        }
        r.handle.result().complete(r.decoding.result(reusedTokens, first - start, end - first));
    }

    private void fail(Slot s, Throwable t) {
        Request r = s.request;
        synchronized (this) {
            s.request = null;
            s.session.reset(); // its cache may hold part of a step
            inFlight--;
        }
        r.handle.result().completeExceptionally(t);
    }

    /** One of the {@link BatchConfig#slots()}: a KV cache and the request using it, if any. */
    private static final class Slot {
        Session session;
        Request request;
    }

    /** A submitted request and its progress. */
    private static final class Request {
        final int[] prompt;
        final Decoding decoding;
        final TokenListener listener;
        final GenerationHandle handle;
        final long submitted = System.nanoTime();
        long admitted;
        long firstToken;
        int cursor; // prompt tokens in the cache
        int reused;
        int pending; // the token sampled last, fed at the next step

        Request(int[] prompt, Decoding decoding, TokenListener listener, GenerationHandle handle) {
            this.prompt = prompt;
            this.decoding = decoding;
            this.listener = listener;
            this.handle = handle;
        }
    }
}
