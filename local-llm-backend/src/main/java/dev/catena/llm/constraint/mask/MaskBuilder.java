package dev.catena.llm.constraint.mask;

/** Computes the mask of one automaton state over a vocabulary: the trie walk plus the end-of-generation tokens. */
public final class MaskBuilder {

    private MaskBuilder() {
    }

    /**
     * The tokens allowed in {@code state}: those whose bytes keep the grammar alive, and the end tokens when the
     * input so far is complete.
     */
    public static TokenMask mask(TokenTrie trie, ByteAutomaton automaton, int state, int vocabularySize, int[] endTokens) {
        long[] words = new long[(vocabularySize + 63) >>> 6];
        trie.allowed(automaton, state, words);
        if (automaton.accepting(state)) {
            for (int t : endTokens) {
                words[t >>> 6] |= 1L << t;
            }
        }
        return new TokenMask(words, vocabularySize);
    }
}
