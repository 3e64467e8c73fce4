package dev.catena.llm.pull;

/** Receives download progress from {@link ModelPuller}. */
@FunctionalInterface
public interface ProgressListener {

    /** A listener that ignores progress. */
    ProgressListener NONE = (name, done, total) -> { };

    /**
     * Called as bytes arrive.
     *
     * @param name  the file being fetched
     * @param done  bytes present so far (including bytes resumed from an earlier attempt)
     * @param total expected size in bytes, or -1 when unknown
     */
    void onProgress(String name, long done, long total);
}
