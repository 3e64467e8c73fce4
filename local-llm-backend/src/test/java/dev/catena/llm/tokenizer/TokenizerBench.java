package dev.catena.llm.tokenizer;

import dev.catena.llm.gguf.GgufFile;

import java.nio.file.Path;

/**
 * Encoding speed by input size, to show it grows about linearly (priority-queue merges), for BENCHMARKS.md:
 * {@code TokenizerBench FILE.gguf [KB...]}. For each kind of text (prose, CJK and emoji, one long word,
 * whitespace runs) prints the milliseconds and tokens of {@code encode(text, false, true)} after two warm-ups.
 */
public final class TokenizerBench {

    private TokenizerBench() {
    }

    public static void main(String[] args) {
        Tokenizer t;
        long t0 = System.nanoTime();
        try (GgufFile file = GgufFile.open(Path.of(args[0]))) {
            t = Tokenizer.fromGguf(file.metadata());
        }
        System.out.printf("%s: tokenizer built in %.0f ms%n", args[0], (System.nanoTime() - t0) / 1e6);
        int[] sizes = args.length > 1
                ? java.util.Arrays.stream(args, 1, args.length).mapToInt(Integer::parseInt).toArray()
                : new int[] {25, 50, 100};
        String[][] kinds = {
                {"prose", "The quick brown fox jumps over the lazy dog; it's 2026 and we'll see. "},
                {"cjk+emoji", "机器学习是人工智能的一个分支。日本語のテキスト😀👍🏽 "},
                {"one-word", "abcdefghij"},
                {"whitespace", "    \n\t\t"}};
        for (String[] kind : kinds) {
            for (int kb : sizes) {
                StringBuilder sb = new StringBuilder();
                while (sb.length() < kb * 1000) {
                    sb.append(kind[1]);
                }
                String text = sb.toString();
                t.encode(text, false, true);
                t.encode(text, false, true);
                long s = System.nanoTime();
                int[] ids = t.encode(text, false, true);
                long e = System.nanoTime();
                System.out.printf("  %-10s %4d KB: %7.1f ms %7d tokens%n", kind[0], kb, (e - s) / 1e6, ids.length);
            }
        }
    }
}
