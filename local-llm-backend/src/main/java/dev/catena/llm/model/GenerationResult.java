package dev.catena.llm.model;

/**
 * The outcome of one generation.
 *
 * @param text             generated text, stop string excluded
 * @param tokens           generated token ids (a stop token included)
 * @param promptTokens     tokens in the prompt
 * @param reusedTokens     prompt tokens served from the session's cache
 * @param finishReason     why generation ended
 * @param promptNanos      time spent on the prompt
 * @param generationNanos  time spent generating
 */
public record GenerationResult(String text, int[] tokens, int promptTokens, int reusedTokens,
                               FinishReason finishReason, long promptNanos, long generationNanos) {

    /** Why generation ended. */
    public enum FinishReason {
        /** An end-of-generation or stop token. */
        STOP_TOKEN,
        /** A stop string appeared in the text. */
        STOP_STRING,
        /** The token limit (or the end of the context) was reached. */
        LENGTH,
        /** The caller cancelled. */
        CANCELLED
    }

    /** Prompt tokens processed per second (reused tokens excluded). */
    public double promptTokensPerSecond() {
        return rate(promptTokens - reusedTokens, promptNanos);
    }

    /** Generated tokens per second. */
    public double generationTokensPerSecond() {
        return rate(tokens.length, generationNanos);
    }

    private static double rate(int n, long nanos) {
        return nanos <= 0 ? 0 : n * 1e9 / nanos;
    }
}
