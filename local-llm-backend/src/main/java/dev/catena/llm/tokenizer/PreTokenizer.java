package dev.catena.llm.tokenizer;

import java.util.List;

/**
 * Splits text into the words that byte-level BPE merges within: a sequence of {@link SplitStage}s, each
 * cutting the words of the one before further.
 *
 * @param name   the {@code tokenizer.ggml.pre} name it was chosen for
 * @param stages the steps, applied in order
 */
record PreTokenizer(String name, List<SplitStage> stages) {

    PreTokenizer {
        stages = List.copyOf(stages);
    }

    /** The lengths, in code points, of the consecutive words of {@code cps}. */
    int[] split(int[] cps) {
        if (cps.length == 0) {
            return new int[0];
        }
        int[] lengths = {cps.length};
        for (SplitStage stage : stages) {
            IntList next = new IntList(lengths.length * 2);
            int start = 0;
            for (int length : lengths) {
                stage.split(cps, start, start + length, next);
                start += length;
            }
            lengths = next.toArray();
        }
        return lengths;
    }
}
