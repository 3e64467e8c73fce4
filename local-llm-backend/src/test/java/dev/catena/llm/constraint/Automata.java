package dev.catena.llm.constraint;

import dev.catena.llm.constraint.grammar.Grammar;
import dev.catena.llm.constraint.mask.ByteAutomaton;

import java.nio.charset.StandardCharsets;

/** Test helper: whether a grammar matches a whole text, or a prefix of one of its sentences. */
public final class Automata {

    private Automata() {
    }

    public static boolean matches(Grammar g, String text) {
        ByteAutomaton a = new ByteAutomaton(g, 100_000);
        int s = a.walk(a.start(), text.getBytes(StandardCharsets.UTF_8));
        return s >= 0 && a.accepting(s);
    }

    public static boolean isPrefix(Grammar g, String text) {
        ByteAutomaton a = new ByteAutomaton(g, 100_000);
        return a.walk(a.start(), text.getBytes(StandardCharsets.UTF_8)) >= 0;
    }
}
