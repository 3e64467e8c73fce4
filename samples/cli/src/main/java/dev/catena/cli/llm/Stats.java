package dev.catena.cli.llm;

import dev.catena.llm.model.GenerationResult;

import java.util.Locale;

/** The speed line printed after a generation. */
final class Stats {

    private Stats() {
    }

    static String line(GenerationResult r, int threads) {
        return String.format(Locale.ROOT,
                "prompt: %d tokens, %.2f tok/s | generation: %d tokens, %.2f tok/s | %s | %d threads",
                r.promptTokens(), r.promptTokensPerSecond(), r.tokens().length, r.generationTokensPerSecond(),
                r.finishReason(), threads);
    }
}
