package dev.catena.llm.model;

import dev.catena.llm.tokenizer.Tokenizer;

/**
 * Autoregressive generation: prefill the prompt in one batch, then sample, stream and feed back one token
 * at a time until a stop token, a stop string, the token limit or cancellation. Stateless and
 * thread-safe; the conversation state lives in the {@link Session} passed in.
 */
public final class Generator {

    private final Tokenizer tokenizer;

    public Generator(Tokenizer tokenizer) {
        this.tokenizer = tokenizer;
    }

    /**
     * Generates a continuation of {@code prompt}.
     *
     * @throws ContextLengthExceededException when the prompt plus {@code maxTokens} exceed the session's
     *                                        context (checked before any work)
     */
    public GenerationResult generate(Session session, int[] prompt, GenerationOptions options, TokenListener listener) {
        Decoding decoding = new Decoding(tokenizer, prompt, options, session.contextLength());
        long t0 = System.nanoTime();
        float[] logits = session.prefill(prompt);
        int reused = session.lastReused();
        long t1 = System.nanoTime();
        while (true) {
            if (options.cancelled().getAsBoolean()) {
                decoding.cancel();
                break;
            }
            int token = decoding.next(logits, listener);
            if (decoding.finished()) {
                break;
            }
            logits = session.next(token);
        }
        return decoding.result(reused, t1 - t0, System.nanoTime() - t1);
    }
}
