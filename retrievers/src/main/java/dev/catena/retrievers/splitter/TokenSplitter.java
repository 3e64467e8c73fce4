package dev.catena.retrievers.splitter;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Packs whole words into chunks of at most {@code maxTokens} tokens of a real tokenizer (such as
 * {@code MiniLmTokenizer} of catena-retrievers-onnx, the tokenizer of the default embedding model),
 * with up to {@code overlapTokens} of overlap. A word longer than {@code maxTokens} is cut between its tokens.
 */
public final class TokenSplitter extends ChunkingSplitter {

    private final Tokenizer tokenizer;
    private final int maxTokens;
    private final int overlapTokens;

    private TokenSplitter(Tokenizer tokenizer, int maxTokens, int overlapTokens) {
        SplitterSupport.checkSizes(maxTokens, overlapTokens);
        this.tokenizer = Objects.requireNonNull(tokenizer, "tokenizer");
        this.maxTokens = maxTokens;
        this.overlapTokens = overlapTokens;
    }

    public static TokenSplitter of(Tokenizer tokenizer, int maxTokens, int overlapTokens) {
        return new TokenSplitter(tokenizer, maxTokens, overlapTokens);
    }

    @Override
    protected List<Span> chunkSpans(String text) {
        List<Tokenizer.Token> tokens = tokenizer.tokenize(text);
        List<Span> words = new ArrayList<>();
        int i = 0;
        while (i < tokens.size()) {
            int j = i + 1;
            while (j < tokens.size() && tokens.get(j).continuesWord() && j - i < maxTokens) j++;
            words.add(new Span(tokens.get(i).start(), tokens.get(j - 1).end(), j - i));
            i = j;
        }
        return SpanMerger.merge(words, maxTokens, overlapTokens);
    }
}
