package dev.catena.retrievers.lucene.analysis;

import java.io.IOException;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * After each word of three or more Han characters, emits its overlapping bigrams at the same
 * position ("保修期" also gives "保修" and "修期"), so that a word the segmenter cut differently in
 * the question and in the document ("保修期" against "保修") still matches.
 */
final class HanBigramFilter extends TokenFilter {

    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final PositionIncrementAttribute position = addAttribute(PositionIncrementAttribute.class);
    private State word;
    private String pending;
    private int next;

    HanBigramFilter(TokenStream input) {
        super(input);
    }

    @Override
    public boolean incrementToken() throws IOException {
        if (pending != null) {
            restoreState(word);
            term.setEmpty().append(pending, next, next + 2);
            position.setPositionIncrement(0);
            next++;
            if (next + 2 > pending.length()) {
                pending = null;
            }
            return true;
        }
        if (!input.incrementToken()) {
            return false;
        }
        if (term.length() >= 3 && allHan(term)) {
            word = captureState();
            pending = term.toString();
            next = 0;
        }
        return true;
    }

    @Override
    public void reset() throws IOException {
        super.reset();
        pending = null;
        word = null;
    }

    private static boolean allHan(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.UnicodeScript.of(text.charAt(i)) != Character.UnicodeScript.HAN) {
                return false;
            }
        }
        return true;
    }
}
