package dev.catena.retrievers.lucene.analysis;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.AnalyzerWrapper;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.cjk.CJKAnalyzer;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;

/**
 * Picks the Lucene analyzer for a text by its writing system, so that one BM25 field can hold
 * documents in several languages: each document is analyzed by the analyzer of its own script,
 * and so is each query.
 *
 * <ul>
 *   <li>{@link Script#CHINESE} (Han characters, no kana or Hangul): {@code lucene-analysis-smartcn}'s
 *       word segmentation (HMM over a dictionary), plus the bigrams of words of three or more
 *       characters, with Porter stemming of Latin words and English stop words, so mixed text such
 *       as "Smart Bulb 保修" also meets English queries;</li>
 *   <li>{@link Script#JAPANESE_KOREAN} (kana or Hangul): overlapping CJK bigrams ({@link CJKAnalyzer});</li>
 *   <li>{@link Script#OTHER}: Lucene's {@link EnglishAnalyzer} (stop words, possessives, Porter stemming).</li>
 * </ul>
 *
 * <p>A text counts as CJK when at least one letter in ten is Han, kana or Hangul. The analyzers are
 * thread-safe and shared.
 */
public final class ScriptAnalyzers {

    /** The writing system that decides the analyzer. */
    public enum Script {
        CHINESE, JAPANESE_KOREAN, OTHER
    }

    private static final CharArraySet CHINESE_STOP_WORDS = chineseStopWords();
    private static final Analyzer ENGLISH = new EnglishAnalyzer();
    private static final Analyzer CHINESE = chinese();
    private static final Analyzer CJK = new CJKAnalyzer();

    private ScriptAnalyzers() {}

    /** The analyzer for {@code text}: by {@link #detect(CharSequence)}. */
    public static Analyzer forText(CharSequence text) {
        return forScript(detect(text));
    }

    /** The analyzer of {@code script}. */
    public static Analyzer forScript(Script script) {
        return switch (script) {
            case CHINESE -> CHINESE;
            case JAPANESE_KOREAN -> CJK;
            case OTHER -> ENGLISH;
        };
    }

    /** The script of {@code text}: CJK when at least 10 % of its letters are Han, kana or Hangul. */
    public static Script detect(CharSequence text) {
        int letters = 0;
        int han = 0;
        int kanaOrHangul = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = Character.codePointAt(text, i);
            i += Character.charCount(cp);
            if (!Character.isLetter(cp)) {
                continue;
            }
            letters++;
            Character.UnicodeScript script = Character.UnicodeScript.of(cp);
            if (script == Character.UnicodeScript.HAN) {
                han++;
            } else if (script == Character.UnicodeScript.HIRAGANA || script == Character.UnicodeScript.KATAKANA
                    || script == Character.UnicodeScript.HANGUL) {
                kanaOrHangul++;
            }
        }
        int cjk = han + kanaOrHangul;
        if (cjk == 0 || cjk * 10 < letters) {
            return Script.OTHER;
        }
        return kanaOrHangul > 0 ? Script.JAPANESE_KOREAN : Script.CHINESE;
    }

    /**
     * smartcn's word segmentation (with its lower-casing, Porter stemming and stop words), plus the
     * bigrams of long words ({@link HanBigramFilter}). {@code -Dcatena.analysis.chinese=words} leaves
     * the bigrams out and {@code =bigrams} uses CJK bigrams alone (for comparing them).
     */
    private static Analyzer chinese() {
        SmartChineseAnalyzer words = new SmartChineseAnalyzer(CHINESE_STOP_WORDS);
        return switch (System.getProperty("catena.analysis.chinese", "words+bigrams")) {
            case "words" -> words;
            case "bigrams" -> new CJKAnalyzer(CHINESE_STOP_WORDS);
            default -> new AnalyzerWrapper(words.getReuseStrategy()) {
                @Override
                protected Analyzer getWrappedAnalyzer(String fieldName) {
                    return words;
                }

                @Override
                protected TokenStreamComponents wrapComponents(String fieldName, TokenStreamComponents components) {
                    return new TokenStreamComponents(components.getSource(), new HanBigramFilter(components.getTokenStream()));
                }
            };
        };
    }

    private static CharArraySet chineseStopWords() {
        CharArraySet stop = new CharArraySet(SmartChineseAnalyzer.getDefaultStopSet(), false);
        stop.addAll(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
        return CharArraySet.unmodifiableSet(stop);
    }
}
