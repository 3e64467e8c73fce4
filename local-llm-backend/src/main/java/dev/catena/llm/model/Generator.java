package dev.catena.llm.model;

import dev.catena.llm.constraint.ConstraintMatcher;
import dev.catena.llm.sampling.Sampler;
import dev.catena.llm.tokenizer.TokenDecoder;
import dev.catena.llm.tokenizer.Tokenizer;

import java.util.Arrays;

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
        int ctx = session.contextLength();
        int max = options.maxTokens();
        if (max != -1 && (long) prompt.length + max > ctx) {
            throw new ContextLengthExceededException(prompt.length + max, ctx,
                    "prompt of " + prompt.length + " tokens plus max tokens " + max + " exceed the context");
        }
        if (prompt.length >= ctx) {
            throw new ContextLengthExceededException(prompt.length + 1, ctx,
                    "prompt of " + prompt.length + " tokens leaves no room to generate");
        }
        int limit = max == -1 ? ctx - prompt.length : max;
        long t0 = System.nanoTime();
        float[] logits = session.prefill(prompt);
        int reused = session.lastReused();
        long t1 = System.nanoTime();

        Sampler sampler = new Sampler(options.sampling());
        TokenDecoder decoder = tokenizer.newDecoder();
        StopMatcher matcher = new StopMatcher(options.stopStrings());
        ConstraintMatcher constraint = options.constraint() == null ? null : options.constraint().newMatcher();
        int[] history = Arrays.copyOf(prompt, prompt.length + limit);
        int length = prompt.length;
        StringBuilder text = new StringBuilder();
        GenerationResult.FinishReason finish = null;
        while (finish == null) {
            if (options.cancelled().getAsBoolean()) {
                finish = GenerationResult.FinishReason.CANCELLED;
                text.append(matcher.append(decoder.flush())).append(matcher.flush());
                break;
            }
            int token = sampler.sample(logits, history, length, constraint == null ? null : constraint.allowed());
            if (constraint != null) {
                constraint.accept(token);
            }
            history[length++] = token;
            boolean stopToken = tokenizer.isEndOfGeneration(token) || options.stopTokens().contains(token);
            String out = stopToken ? "" : matcher.append(decoder.append(token));
            if (stopToken) {
                finish = GenerationResult.FinishReason.STOP_TOKEN;
            } else if (matcher.stopped()) {
                finish = GenerationResult.FinishReason.STOP_STRING;
            } else if (length - prompt.length == limit) {
                finish = GenerationResult.FinishReason.LENGTH;
            }
            if (finish == GenerationResult.FinishReason.STOP_TOKEN || finish == GenerationResult.FinishReason.LENGTH) {
                out += matcher.append(decoder.flush());
                if (matcher.stopped()) {
                    finish = GenerationResult.FinishReason.STOP_STRING;
                }
                out += matcher.flush();
            }
            text.append(out);
            listener.onToken(token, out);
            if (finish == null) {
                logits = session.next(token);
            }
        }
        long t2 = System.nanoTime();
        return new GenerationResult(text.toString(), Arrays.copyOfRange(history, prompt.length, length),
                prompt.length, reused, finish, t1 - t0, t2 - t1);
    }
}
