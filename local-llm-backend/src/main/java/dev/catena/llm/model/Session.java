package dev.catena.llm.model;

import java.util.Arrays;
import java.util.List;

/**
 * One conversation's state: a {@link KvCache} and the tokens it holds. A new prompt that starts with the
 * tokens already processed (the previous turns of a chat) only pays for its new suffix. Not thread-safe;
 * use one session per concurrent conversation.
 */
public final class Session {

    private final Transformer transformer;
    private final KvCache cache;
    private int[] tokens = new int[64];

    /** @param contextLength the most tokens this session holds */
    public Session(Transformer transformer, int contextLength) {
        this(transformer, contextLength, KvCacheType.F32);
    }

    /**
     * @param contextLength the most tokens this session holds
     * @param kvCache       how the KV cache stores keys and values
     */
    public Session(Transformer transformer, int contextLength, KvCacheType kvCache) {
        this.transformer = transformer;
        this.cache = transformer.newCache(contextLength, kvCache);
    }

    public Transformer transformer() {
        return transformer;
    }

    /** How the KV cache stores keys and values. */
    public KvCacheType kvCacheType() {
        return cache.type();
    }

    /** The most tokens this session holds. */
    public int contextLength() {
        return cache.contextLength();
    }

    /** Tokens processed so far. */
    public int length() {
        return cache.length();
    }

    /** A copy of the tokens processed so far. */
    public int[] tokens() {
        return Arrays.copyOf(tokens, cache.length());
    }

    /** Forgets everything. */
    public void reset() {
        cache.truncate(0);
    }

    /**
     * Makes the session hold exactly {@code prompt} and returns the logits after its last token (an array
     * the session overwrites on its next step). Tokens shared with what the session already holds are
     * reused; the rest is processed in one batch.
     *
     * @return how many prompt tokens were reused is available from {@link #lastReused()}
     * @throws ContextLengthExceededException when the prompt does not fit
     */
    public float[] prefill(int[] prompt) {
        int common = reuse(prompt);
        return feed(prompt, common, prompt.length);
    }

    private int lastReused;

    /**
     * Keeps only the tokens this session shares with {@code prompt} (at most all but its last, which is always
     * computed) and returns how many: the prompt's remaining tokens are then fed in chunks through
     * {@link #forward(List)}. Also what {@link #lastReused()} reports.
     *
     * @throws ContextLengthExceededException when the prompt does not fit
     */
    public int reuse(int[] prompt) {
        if (prompt.length == 0) {
            throw new IllegalArgumentException("the prompt has no tokens");
        }
        if (prompt.length > cache.contextLength()) {
            throw new ContextLengthExceededException(prompt.length, cache.contextLength(), "prompt too long");
        }
        int common = Math.min(sharedPrefix(prompt), prompt.length - 1);
        cache.truncate(common);
        lastReused = common;
        return common;
    }

    /** Bytes of key and value storage this session has allocated now. */
    public long kvBytes() {
        return cache.storageBytes();
    }

    /**
     * One step of batched decoding over several sessions (each at most once): every weight matrix is read once
     * for all of them, each session appends its own tokens to its own KV cache. Returns the logits of each step
     * that wants them (an array of that session, overwritten by its next step), else {@code null}, in order.
     *
     * @throws ContextLengthExceededException when a session cannot hold its tokens (no session is changed)
     */
    public static float[][] forward(List<SequenceStep> steps) {
        int n = steps.size();
        if (n == 0) {
            return new float[0][];
        }
        Transformer transformer = steps.getFirst().session().transformer;
        KvCache[] caches = new KvCache[n];
        int[][] tokens = new int[n][];
        int[] from = new int[n];
        int[] to = new int[n];
        boolean[] logits = new boolean[n];
        for (int i = 0; i < n; i++) {
            SequenceStep s = steps.get(i);
            if (s.session().transformer != transformer) {
                throw new IllegalArgumentException("sessions of different models cannot share a step");
            }
            caches[i] = s.session().cache;
            tokens[i] = s.tokens();
            from[i] = s.from();
            to[i] = s.to();
            logits[i] = s.logits();
        }
        int[] start = new int[n];
        for (int i = 0; i < n; i++) {
            start[i] = caches[i].length();
        }
        float[][] result = transformer.forwardBatch(caches, tokens, from, to, logits);
        for (int i = 0; i < n; i++) {
            Session session = steps.get(i).session();
            session.ensureTokens(start[i] + to[i] - from[i]);
            System.arraycopy(tokens[i], from[i], session.tokens, start[i], to[i] - from[i]);
        }
        return result;
    }

    /** How many leading tokens of {@code prompt} this session already holds. */
    public int sharedPrefix(int[] prompt) {
        int held = cache.length();
        int common = 0;
        while (common < held && common < prompt.length && tokens[common] == prompt[common]) {
            common++;
        }
        return common;
    }

    /** Prompt tokens the last {@link #prefill} reused from the cache. */
    public int lastReused() {
        return lastReused;
    }

    /**
     * Appends one token and returns the logits after it (an array the session overwrites on its next
     * step). Allocates nothing once the session has taken a step.
     */
    public float[] next(int token) {
        ensureTokens(cache.length() + 1);
        tokens[cache.length()] = token;
        return transformer.forwardLast(tokens, cache.length(), cache.length() + 1, cache);
    }

    /** Processes {@code batch[from, to)} at the next positions, recording them as held tokens. */
    private float[] feed(int[] batch, int from, int to) {
        int start = cache.length();
        float[] logits = transformer.forwardLast(batch, from, to, cache);
        ensureTokens(start + to - from);
        System.arraycopy(batch, from, tokens, start, to - from);
        return logits;
    }

    /** Tokens beyond {@code cache.length()} are not held: they are written before their step runs. */
    private void ensureTokens(int length) {
        if (tokens.length < length) {
            tokens = Arrays.copyOf(tokens, Math.max(tokens.length * 2, length));
        }
    }
}
