package dev.catena.samples.translator;

import java.util.List;

/**
 * One translated chunk.
 *
 * @param index            position in the book
 * @param sourceHash       SHA-256 of the source text (a resumed run reuses a result only for the same text)
 * @param source           the source text
 * @param translation      the translation
 * @param summary          the rolling summary of the story up to and including this chunk
 * @param backTranslationChrF chrF of the back-translation against the source (0-100)
 * @param glossaryMisses   glossary terms the translation still lacks after the retry
 */
public record ChunkResult(int index, String sourceHash, String source, String translation, String summary,
                          double backTranslationChrF, List<String> glossaryMisses) {
    public ChunkResult {
        glossaryMisses = List.copyOf(glossaryMisses);
    }
}
