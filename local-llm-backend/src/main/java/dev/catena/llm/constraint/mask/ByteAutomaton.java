package dev.catena.llm.constraint.mask;

import dev.catena.llm.constraint.grammar.Grammar;
import dev.catena.llm.constraint.grammar.GrammarException;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * A grammar run as a deterministic automaton over bytes, built lazily: a state is the set of parse stacks a
 * pushdown recogniser (as in llama.cpp's grammar sampler) can be in after the bytes read so far, and each
 * (state, byte) transition is computed once and then looked up. Stacks are hash-consed frames, so a state is a
 * sorted array of stack ids and equal states get one id. Not thread-safe: callers serialise access.
 */
public final class ByteAutomaton {

    /** Transition to no state: the byte cannot follow. */
    public static final int DEAD = -1;
    private static final int UNKNOWN = -2;
    private static final int EMPTY_STACK = 0;

    private final Grammar grammar;
    private final int maxStates;
    // stack frames: id -> (position of the next element to match, parent frame id); id 0 is the empty stack
    private int[] framePos = new int[256];
    private int[] frameParent = new int[256];
    private int frames = 1;
    private final Map<Long, Integer> frameIds = new HashMap<>();
    // states
    private int[][] stacks = new int[64][];
    private int[][] next = new int[64][];
    private boolean[] accepting = new boolean[64];
    private int states;
    private final Map<StackSet, Integer> stateIds = new HashMap<>();
    private final int start;

    /** @param maxStates the most states it may build before refusing the grammar as too large */
    public ByteAutomaton(Grammar grammar, int maxStates) {
        this.grammar = grammar;
        this.maxStates = maxStates;
        IntSet set = new IntSet();
        Set<Long> seen = new HashSet<>();
        for (int alt : grammar.alternatives(0)) {
            expand(alt, EMPTY_STACK, set, seen);
        }
        this.start = state(set);
    }

    public Grammar grammar() {
        return grammar;
    }

    public int start() {
        return start;
    }

    /** Whether the input read to reach this state is a complete sentence of the grammar. */
    public boolean accepting(int state) {
        return accepting[state];
    }

    /** Whether some byte can follow in this state. */
    public boolean canContinue(int state) {
        int[] s = stacks[state];
        return s.length > 1 || s.length == 1 && s[0] != EMPTY_STACK;
    }

    public int stateCount() {
        return states;
    }

    /** The state after reading byte {@code b} (0..255), or {@link #DEAD}. */
    public int next(int state, int b) {
        int t = next[state][b];
        return t != UNKNOWN ? t : compute(state, b);
    }

    /** The state after reading {@code bytes}, or {@link #DEAD}. */
    public int walk(int state, byte[] bytes) {
        for (int i = 0; i < bytes.length && state >= 0; i++) {
            state = next(state, bytes[i] & 0xFF);
        }
        return state;
    }

    private int compute(int state, int b) {
        IntSet set = new IntSet();
        Set<Long> seen = new HashSet<>();
        for (int stack : stacks[state]) {
            if (stack == EMPTY_STACK) {
                continue;
            }
            int pos = framePos[stack];
            if (grammar.accepts(Grammar.argument(grammar.element(pos)), b)) {
                expand(pos + 1, frameParent[stack], set, seen);
            }
        }
        int t = set.size == 0 ? DEAD : state(set);
        next[state][b] = t;
        return t;
    }

    /**
     * Adds the normalised stacks for "match the element at {@code pos}, then return to {@code parent}": every
     * stack's top is a terminal, or the stack is empty (the input may end). {@code seen} holds the configurations
     * already expanded in this closure, which ends cycles through tail calls of nullable rules.
     */
    private void expand(int pos, int parent, IntSet out, Set<Long> seen) {
        if (!seen.add((long) pos << 32 | parent)) {
            return;
        }
        int el = grammar.element(pos);
        switch (Grammar.kind(el)) {
            case Grammar.TERMINAL -> out.add(frame(pos, parent));
            case Grammar.END -> {
                if (parent == EMPTY_STACK) {
                    out.add(EMPTY_STACK);
                } else {
                    expand(framePos[parent], frameParent[parent], out, seen);
                }
            }
            default -> {
                int after = pos + 1; // a call in tail position returns straight to our parent
                int ret = Grammar.kind(grammar.element(after)) == Grammar.END ? parent : frame(after, parent);
                for (int alt : grammar.alternatives(Grammar.argument(el))) {
                    expand(alt, ret, out, seen);
                }
            }
        }
    }

    private int frame(int pos, int parent) {
        long key = (long) pos << 32 | parent;
        Integer id = frameIds.get(key);
        if (id != null) {
            return id;
        }
        if (frames == framePos.length) {
            framePos = Arrays.copyOf(framePos, frames * 2);
            frameParent = Arrays.copyOf(frameParent, frames * 2);
        }
        framePos[frames] = pos;
        frameParent[frames] = parent;
        frameIds.put(key, frames);
        return frames++;
    }

    private int state(IntSet set) {
        int[] sorted = set.sorted();
        StackSet key = new StackSet(sorted);
        Integer id = stateIds.get(key);
        if (id != null) {
            return id;
        }
        if (states == maxStates) {
            throw new GrammarException("the grammar needs more than " + maxStates
                    + " automaton states (very deep nesting or a highly ambiguous grammar)");
        }
        if (states == stacks.length) {
            stacks = Arrays.copyOf(stacks, states * 2);
            next = Arrays.copyOf(next, states * 2);
            accepting = Arrays.copyOf(accepting, states * 2);
        }
        stacks[states] = sorted;
        int[] row = new int[256];
        Arrays.fill(row, UNKNOWN);
        next[states] = row;
        accepting[states] = sorted.length > 0 && sorted[0] == EMPTY_STACK;
        stateIds.put(key, states);
        return states++;
    }

    private record StackSet(int[] ids) {
        @Override
        public boolean equals(Object o) {
            return o instanceof StackSet s && Arrays.equals(ids, s.ids);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(ids);
        }
    }

    /** A small growable set of ints (duplicates dropped when sorted). */
    private static final class IntSet {
        private int[] values = new int[8];
        private int size;

        void add(int v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        int[] sorted() {
            int[] v = Arrays.copyOf(values, size);
            Arrays.sort(v);
            int n = 0;
            for (int i = 0; i < v.length; i++) {
                if (n == 0 || v[n - 1] != v[i]) {
                    v[n++] = v[i];
                }
            }
            return Arrays.copyOf(v, n);
        }
    }
}
