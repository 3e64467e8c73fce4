package dev.catena.retrievers.splitter;

/**
 * A half-open range {@code [start, end)} of char offsets in a document's text, with a weight (its
 * size in the unit the splitter counts: chars or tokens).
 */
public record Span(int start, int end, int weight) {

    public Span {
        if (start < 0 || end < start) throw new IllegalArgumentException("bad span [" + start + ", " + end + ")");
        if (weight < 0) throw new IllegalArgumentException("negative weight " + weight);
    }

    /** A span weighed by its length in chars. */
    public static Span chars(int start, int end) {
        return new Span(start, end, end - start);
    }

    public int length() {
        return end - start;
    }
}
