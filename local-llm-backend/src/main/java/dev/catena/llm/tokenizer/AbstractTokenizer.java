package dev.catena.llm.tokenizer;

import java.util.List;

/**
 * What the SentencePiece and byte-level BPE tokenizers share: special-token partitioning, BOS, streaming
 * decoding and the token queries. A subclass encodes one stretch of plain text and gives each token's
 * bytes.
 *
 * <p>Input text is encoded as UTF-8; an unpaired surrogate in it is read as U+FFFD. Token ids outside the
 * vocabulary, given to {@link #decode}, a decoder or {@link #tokenText}, are an
 * {@link IllegalArgumentException}.
 */
abstract sealed class AbstractTokenizer implements Tokenizer permits SentencePieceTokenizer, BytePairTokenizer {

    final Vocabulary vocabulary;
    final TokenIndex index;

    AbstractTokenizer(Vocabulary vocabulary) {
        this.vocabulary = vocabulary;
        this.index = new TokenIndex(vocabulary);
    }

    /**
     * Encodes one stretch of text without special tokens.
     *
     * @param afterSpecial whether the stretch starts the input or follows a special token
     */
    abstract void encodeText(String text, boolean afterSpecial, IntList out);

    /** The bytes a token stands for when decoded (control tokens: their text). */
    abstract byte[] piece(int token);

    /** Whether decoding drops one leading space after the start and after a special token (SentencePiece's space prefix). */
    boolean stripsSpacePrefix() {
        return false;
    }

    @Override
    public int[] encode(String text, boolean addBos, boolean parseSpecial) {
        String clean = CodePoints.withoutLoneSurrogates(text);
        IntList out = new IntList(clean.length() / 3 + 4);
        if (addBos && vocabulary.bos() >= 0) {
            out.add(vocabulary.bos());
        }
        List<TokenIndex.Fragment> fragments = index.partition(clean, parseSpecial);
        boolean afterSpecial = true;
        for (TokenIndex.Fragment f : fragments) {
            if (f.isToken()) {
                out.add(f.token());
                afterSpecial = true;
            } else {
                encodeText(clean.substring(f.start(), f.end()), afterSpecial, out);
                afterSpecial = false;
            }
        }
        return out.toArray();
    }

    @Override
    public String decode(int[] tokens) {
        TokenDecoder decoder = newDecoder();
        StringBuilder sb = new StringBuilder();
        for (int token : tokens) {
            sb.append(decoder.append(token));
        }
        return sb.append(decoder.flush()).toString();
    }

    @Override
    public TokenDecoder newDecoder() {
        return new Utf8TokenDecoder(this);
    }

    /** Whether decoding renders nothing for a token: BOS, EOS and padding. */
    boolean isSilent(int token) {
        return token == vocabulary.bos() || token == vocabulary.eos() || token == vocabulary.padding();
    }

    void checkToken(int token) {
        if (token < 0 || token >= vocabulary.size()) {
            throw new IllegalArgumentException("token id " + token + " is outside the vocabulary of "
                    + vocabulary.size() + " tokens");
        }
    }

    @Override
    public int vocabularySize() {
        return vocabulary.size();
    }

    @Override
    public int bosToken() {
        return vocabulary.bos();
    }

    @Override
    public int eosToken() {
        return vocabulary.eos();
    }

    @Override
    public boolean addBos() {
        return vocabulary.addBos() && vocabulary.bos() >= 0;
    }

    @Override
    public boolean isEndOfGeneration(int token) {
        return index.isEndOfGeneration(token);
    }

    @Override
    public byte[] textBytes(int token) {
        checkToken(token);
        TokenType type = index.type(token);
        if (isSilent(token) || type == TokenType.CONTROL || type == TokenType.UNKNOWN || type == TokenType.UNUSED) {
            return null;
        }
        return piece(token);
    }

    @Override
    public String tokenText(int token) {
        checkToken(token);
        return vocabulary.tokens().get(token);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + vocabulary + "]";
    }
}
