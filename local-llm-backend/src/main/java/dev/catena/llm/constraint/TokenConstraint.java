package dev.catena.llm.constraint;

import dev.catena.llm.constraint.grammar.Grammar;
import dev.catena.llm.constraint.mask.ByteAutomaton;
import dev.catena.llm.constraint.mask.MaskBuilder;
import dev.catena.llm.constraint.mask.TokenMask;
import dev.catena.llm.tokenizer.Tokenizer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A grammar bound to a vocabulary: gives the allowed-token mask for each state of the grammar's byte automaton,
 * computed by one walk of the vocabulary's trie and then cached. Thread-safe and meant to be shared by the
 * generations that use the same grammar; each generation tracks its position with a {@link ConstraintMatcher}.
 */
public final class TokenConstraint {

    /** The most automaton states one grammar may build (each holds a 1 KiB transition row). */
    static final int MAX_STATES = 50_000;
    /** Bytes of masks kept per constraint: 512 masks of a 262k vocabulary (32 KiB each). */
    static final long MASK_CACHE_BYTES = 16L << 20;
    /** States explored before generation when the vocabulary lacks a single-byte token the grammar uses. */
    static final int CHECKED_STATES = 256;

    private final Grammar grammar;
    private final TokenVocabulary vocabulary;
    private final ByteAutomaton automaton;
    private final Map<Integer, TokenMask> masks = new ConcurrentHashMap<>();
    private final int maxCachedMasks;

    private TokenConstraint(Grammar grammar, TokenVocabulary vocabulary) {
        this.grammar = grammar;
        this.vocabulary = vocabulary;
        this.automaton = new ByteAutomaton(grammar, MAX_STATES);
        this.maxCachedMasks = (int) Math.max(64, MASK_CACHE_BYTES / Math.max(1, vocabulary.size() / 8));
    }

    /**
     * Binds a grammar to a tokenizer's vocabulary and checks that the vocabulary can write it.
     *
     * @throws ConstraintException when no token can start the output, or a reachable point of the grammar has no
     *                             token to continue with and is not an end
     */
    public static TokenConstraint of(Grammar grammar, Tokenizer tokenizer) {
        return of(grammar, TokenVocabulary.of(tokenizer));
    }

    public static TokenConstraint of(Grammar grammar, TokenVocabulary vocabulary) {
        TokenConstraint c = new TokenConstraint(grammar, vocabulary);
        c.check();
        return c;
    }

    public Grammar grammar() {
        return grammar;
    }

    public TokenVocabulary vocabulary() {
        return vocabulary;
    }

    /** A matcher at the start of the grammar, for one generation. */
    public ConstraintMatcher newMatcher() {
        int start;
        synchronized (automaton) {
            start = automaton.start();
        }
        return new ConstraintMatcher(this, start);
    }

    /** The tokens allowed in an automaton state (cached). */
    TokenMask mask(int state) {
        TokenMask m = masks.get(state);
        if (m != null) {
            return m;
        }
        synchronized (automaton) {
            m = MaskBuilder.mask(vocabulary.trie(), automaton, state, vocabulary.size(), vocabulary.endTokensShared());
        }
        if (masks.size() >= maxCachedMasks) {
            masks.clear();
        }
        masks.put(state, m);
        return m;
    }

    int advance(int state, int token) {
        byte[] b = vocabulary.bytesShared(token);
        if (b == null) {
            return ByteAutomaton.DEAD;
        }
        synchronized (automaton) {
            return automaton.walk(state, b);
        }
    }

    boolean accepting(int state) {
        synchronized (automaton) {
            return automaton.accepting(state);
        }
    }

    boolean canContinue(int state) {
        synchronized (automaton) {
            return automaton.canContinue(state);
        }
    }

    /**
     * The start must allow a token. When every byte the grammar can read has a single-byte token, every live state
     * can continue; otherwise the states reachable by bytes are explored (up to {@link #CHECKED_STATES}) for one
     * that no token continues.
     */
    private void check() {
        int start = automaton.start();
        TokenMask first = mask(start);
        if (first.count() == 0) {
            throw new ConstraintException("no token of the vocabulary can begin output of this grammar");
        }
        boolean covered = true;
        for (int set = 0; set < grammar.byteSetCount() && covered; set++) {
            for (int b = 0; b < 256; b++) {
                if (grammar.accepts(set, b) && !vocabulary.hasSingleByteToken(b)) {
                    covered = false;
                    break;
                }
            }
        }
        if (covered) {
            return;
        }
        Map<Integer, String> seen = new HashMap<>();
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        seen.put(start, "");
        queue.add(start);
        while (!queue.isEmpty() && seen.size() <= CHECKED_STATES) {
            int s = queue.poll();
            String prefix = seen.get(s);
            if (mask(s).count() == 0 && !accepting(s)) {
                throw new ConstraintException("no token of the vocabulary can continue this grammar after "
                        + quote(prefix));
            }
            for (int b = 0; b < 256; b++) {
                int t;
                synchronized (automaton) {
                    t = automaton.next(s, b);
                }
                if (t >= 0 && !seen.containsKey(t)) {
                    seen.put(t, prefix + (char) b);
                    queue.add(t);
                }
            }
        }
    }

    static String quote(String latin1Bytes) {
        byte[] b = latin1Bytes.getBytes(StandardCharsets.ISO_8859_1);
        String s = new String(b, StandardCharsets.UTF_8);
        return "\"" + s.replace("\\", "\\\\").replace("\n", "\\n").replace("\"", "\\\"") + "\"";
    }
}
