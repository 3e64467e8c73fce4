package dev.catena.llm.tokenizer;

/** One step of a pre-tokenizer: cuts a run of code points into consecutive, non-empty words. */
interface SplitStage {

    /** Appends to {@code lengths} the lengths of the words that cover {@code cps[from, to)}, in order. */
    void split(int[] cps, int from, int to, IntList lengths);
}
