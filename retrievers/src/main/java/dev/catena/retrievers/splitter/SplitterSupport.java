package dev.catena.retrievers.splitter;

/** Argument checks shared by the splitters. */
final class SplitterSupport {

    private SplitterSupport() {
    }

    static void checkSizes(int maxSize, int overlap) {
        if (maxSize <= 0) throw new IllegalArgumentException("maxSize must be positive, was " + maxSize);
        if (overlap < 0 || overlap >= maxSize) {
            throw new IllegalArgumentException("overlap must be in [0, maxSize=" + maxSize + "), was " + overlap);
        }
    }
}
