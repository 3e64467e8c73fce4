package dev.catena.llm.model;

import dev.catena.llm.constraint.ConstraintMatcher;
import dev.catena.llm.sampling.Sampler;
import dev.catena.llm.tokenizer.TokenDecoder;
import dev.catena.llm.tokenizer.Tokenizer;

import java.util.Arrays;

/**
 * The token-by-token state of one generation once its prompt is processed: sampler, grammar, text decoder,
 * stop strings and the limit. Each call to {@link #next} turns the logits after the last token into the next
 * token and its text; the forward pass is the caller's ({@link Generator} alone, or a batch scheduler for many
 * sequences at once), so a sequence gets the same tokens either way. Not thread-safe.
 */
public final class Decoding {

    private final Tokenizer tokenizer;
    private final GenerationOptions options;
    private final int promptLength;
    private final int limit;
    private final Sampler sampler;
    private final TokenDecoder decoder;
    private final StopMatcher matcher;
    private final ConstraintMatcher constraint;
    private final int[] history;
    private int length;
    private final StringBuilder text = new StringBuilder();
    private GenerationResult.FinishReason finish;

    /**
     * @throws ContextLengthExceededException when the prompt plus {@code maxTokens} exceed {@code contextLength}
     */
    public Decoding(Tokenizer tokenizer, int[] prompt, GenerationOptions options, int contextLength) {
        this.tokenizer = tokenizer;
        this.options = options;
        this.promptLength = prompt.length;
        this.limit = limit(prompt.length, options, contextLength);
        this.sampler = new Sampler(options.sampling());
        this.decoder = tokenizer.newDecoder();
        this.matcher = new StopMatcher(options.stopStrings());
        this.constraint = options.constraint() == null ? null : options.constraint().newMatcher();
        this.history = Arrays.copyOf(prompt, prompt.length + limit);
        this.length = prompt.length;
    }

    /**
     * How many tokens a prompt of {@code promptLength} may generate in {@code contextLength}.
     *
     * @throws ContextLengthExceededException when the prompt plus {@code maxTokens} do not fit
     */
    public static int limit(int promptLength, GenerationOptions options, int contextLength) {
        int max = options.maxTokens();
        if (max != -1 && (long) promptLength + max > contextLength) {
            throw new ContextLengthExceededException(promptLength + max, contextLength,
                    "prompt of " + promptLength + " tokens plus max tokens " + max + " exceed the context");
        }
        if (promptLength >= contextLength) {
            throw new ContextLengthExceededException(promptLength + 1, contextLength,
                    "prompt of " + promptLength + " tokens leaves no room to generate");
        }
        return max == -1 ? contextLength - promptLength : max;
    }

    public GenerationOptions options() {
        return options;
    }

    /** Whether generation has ended (stop token or string, limit, cancellation). */
    public boolean finished() {
        return finish != null;
    }

    /**
     * Samples the next token from {@code logits} (modified in place), reports it and its text to
     * {@code listener} and returns it; afterwards {@link #finished()} says whether it was the last.
     *
     * @throws IllegalStateException when generation has already finished
     */
    public int next(float[] logits, TokenListener listener) {
        if (finish != null) {
            throw new IllegalStateException("generation already finished: " + finish);
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
        } else if (length - promptLength == limit) {
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
        return token;
    }

    /** Ends generation as cancelled, keeping the text decoded so far. */
    public void cancel() {
        if (finish == null) {
            finish = GenerationResult.FinishReason.CANCELLED;
            text.append(matcher.append(decoder.flush())).append(matcher.flush());
        }
    }

    /** Tokens generated so far. */
    public int generated() {
        return length - promptLength;
    }

    /** The result of a finished generation. */
    public GenerationResult result(int reusedPromptTokens, long prefillNanos, long decodeNanos) {
        if (finish == null) {
            throw new IllegalStateException("generation has not finished");
        }
        return new GenerationResult(text.toString(), Arrays.copyOfRange(history, promptLength, length),
                promptLength, reusedPromptTokens, finish, prefillNanos, decodeNanos);
    }
}
