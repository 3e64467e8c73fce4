package dev.catena.retrievers.splitter;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Packs small pieces (sentences, paragraphs, words) into chunks of at most {@code maxSize} weight,
 * repeating up to {@code overlap} weight of trailing pieces at the start of the next chunk.
 * A single piece heavier than {@code maxSize} becomes a chunk of its own; callers cut pieces first.
 */
final class SpanMerger {

    private SpanMerger() {
    }

    static List<Span> merge(List<Span> pieces, int maxSize, int overlap) {
        List<Span> chunks = new ArrayList<>();
        Deque<Span> window = new ArrayDeque<>();
        int weight = 0;
        boolean fresh = false;
        for (Span piece : pieces) {
            if (!window.isEmpty() && weight + piece.weight() > maxSize) {
                chunks.add(join(window, weight));
                fresh = false;
                while (!window.isEmpty() && (weight > overlap || weight + piece.weight() > maxSize)) {
                    weight -= window.removeFirst().weight();
                }
            }
            window.addLast(piece);
            weight += piece.weight();
            fresh = true;
        }
        if (fresh) chunks.add(join(window, weight));
        return chunks;
    }

    private static Span join(Deque<Span> window, int weight) {
        return new Span(window.getFirst().start(), window.getLast().end(), weight);
    }
}
