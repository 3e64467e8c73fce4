package dev.catena.llm.tokenizer;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A pre-tokenizer step given by a regular expression: each match becomes a word and so does each stretch
 * of text between matches (nothing is dropped), as llama.cpp's general regex splitter does.
 */
record RegexSplit(Pattern pattern) implements SplitStage {

    static RegexSplit of(String regex) {
        return new RegexSplit(Pattern.compile(regex, Pattern.UNICODE_CHARACTER_CLASS));
    }

    @Override
    public void split(int[] cps, int from, int to, IntList lengths) {
        String text = new String(cps, from, to - from);
        Matcher m = pattern.matcher(text);
        int last = 0;
        int lastCp = 0;
        while (m.find()) {
            if (m.end() == m.start()) {
                continue;
            }
            int startCp = lastCp + text.codePointCount(last, m.start());
            int endCp = startCp + text.codePointCount(m.start(), m.end());
            if (startCp > lastCp) {
                lengths.add(startCp - lastCp);
            }
            lengths.add(endCp - startCp);
            last = m.end();
            lastCp = endCp;
        }
        int total = to - from;
        if (lastCp < total) {
            lengths.add(total - lastCp);
        }
    }
}
