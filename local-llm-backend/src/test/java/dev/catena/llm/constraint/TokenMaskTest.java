package dev.catena.llm.constraint;

import dev.catena.llm.constraint.grammar.CodePointSet;
import dev.catena.llm.constraint.grammar.Expr;
import dev.catena.llm.constraint.grammar.Gbnf;
import dev.catena.llm.constraint.grammar.Grammar;
import dev.catena.llm.constraint.mask.ByteAutomaton;
import dev.catena.llm.constraint.mask.TokenMask;
import dev.catena.llm.constraint.regex.RegexParser;
import dev.catena.llm.constraint.schema.JsonSchemaGrammar;
import dev.catena.llm.gguf.GgufFile;
import dev.catena.llm.tokenizer.Tokenizer;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The mask from the token trie equals a brute-force check of every token (does the text so far plus the token's
 * bytes keep the grammar alive, on an automaton of its own), at each step of random walks through random grammars,
 * over synthetic vocabularies and Gemma 3's real 262k-token vocabulary.
 */
class TokenMaskTest {

    private static final String[] ALPHABET = {"a", "b", "c", "x", "0", "1", "\"", "{", "}", ",", " ", "é", "世"};

    @Property(tries = 60)
    void maskEqualsBruteForceOnRandomGrammarsAndVocabularies(@ForAll long seed) {
        Random random = new Random(seed);
        Grammar grammar = Grammar.of(randomExpr(random, 3));
        TokenVocabulary vocabulary = randomVocabulary(random);
        TokenConstraint constraint;
        try {
            constraint = TokenConstraint.of(grammar, vocabulary);
        } catch (ConstraintException e) { // then brute force must agree that the start allows no token
            assertThat(e).hasMessageContaining("no token of the vocabulary");
            return;
        }
        walkAndCompare(constraint, grammar, vocabulary, random, 12);
    }

    @Test
    void maskEqualsBruteForceOnGemmasWholeVocabulary() {
        Path file = dev.catena.testing.ExternalInputs.gemma();
        Tokenizer tokenizer;
        try (GgufFile gguf = GgufFile.open(file)) {
            tokenizer = Tokenizer.fromGguf(gguf.metadata());
        }
        TokenVocabulary vocabulary = TokenVocabulary.of(tokenizer);
        assertThat(vocabulary.size()).isGreaterThan(260_000);
        List<Grammar> grammars = List.of(JsonSchemaGrammar.compile(JsonSchemaGrammarTest.PERSON),
                JsonSchemaGrammar.anyObject(),
                Gbnf.parse("root ::= \"Answer: \" (\"yes\" | \"no\") \".\"? [ \\n]* [0-9]{1,4}"),
                RegexParser.grammar("[A-Za-zé ]{1,12}(, [a-z]+)*"));
        Random random = new Random(17);
        for (Grammar g : grammars) {
            walkAndCompare(TokenConstraint.of(g, vocabulary), g, vocabulary, random, 8);
        }
    }

    @Test
    void aGrammarTheVocabularyCannotBeginIsAnErrorBeforeGeneration() {
        TokenVocabulary v = TokenVocabulary.of(new byte[][] {bytes("a"), bytes("b"), null}, 2);
        assertThatThrownBy(() -> TokenConstraint.of(Gbnf.parse("root ::= \"c\" \"a\""), v))
                .isInstanceOf(ConstraintException.class)
                .hasMessage("no token of the vocabulary can begin output of this grammar");
    }

    @Test
    void aReachablePointNoTokenContinuesIsAnErrorBeforeGeneration() {
        TokenVocabulary v = TokenVocabulary.of(new byte[][] {bytes("a"), bytes("ab"), null}, 2);
        assertThatThrownBy(() -> TokenConstraint.of(Gbnf.parse("root ::= \"a\" \"c\"? | \"ab\" \"d\""), v))
                .isInstanceOf(ConstraintException.class)
                .hasMessage("no token of the vocabulary can continue this grammar after \"ab\"");
    }

    @Test
    void endTokensOnlyWhereTheGrammarCanEnd() {
        TokenVocabulary v = TokenVocabulary.of(new byte[][] {bytes("a"), bytes("b"), null}, 2);
        ConstraintMatcher m = TokenConstraint.of(Gbnf.parse("root ::= \"a\"+ \"b\""), v).newMatcher();
        assertThat(allowed(m.allowed())).containsExactly(0);
        m.accept(0);
        assertThat(allowed(m.allowed())).containsExactly(0, 1);
        m.accept(1);
        assertThat(m.isComplete()).isTrue();
        assertThat(m.isFinished()).isTrue();
        assertThat(allowed(m.allowed())).containsExactly(2);
        assertThatThrownBy(() -> m.accept(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("token 0 is not allowed by the grammar after \"ab\"");
    }

    private static void walkAndCompare(TokenConstraint constraint, Grammar grammar, TokenVocabulary vocabulary,
                                       Random random, int steps) {
        ByteAutomaton oracle = new ByteAutomaton(grammar, 100_000);
        ConstraintMatcher matcher = constraint.newMatcher();
        int state = oracle.start();
        StringBuilder text = new StringBuilder();
        for (int step = 0; step < steps; step++) {
            List<Integer> expected = new ArrayList<>();
            for (int t = 0; t < vocabulary.size(); t++) {
                byte[] b = vocabulary.bytes(t);
                boolean ok = b != null && b.length > 0 && oracle.walk(state, b) >= 0
                        || vocabulary.isEnd(t) && oracle.accepting(state);
                if (ok) {
                    expected.add(t);
                }
            }
            if (expected.isEmpty()) {
                assertThatThrownBy(matcher::allowed).isInstanceOf(ConstraintException.class);
                return;
            }
            TokenMask mask = matcher.allowed();
            assertThat(allowed(mask)).as("mask after \"%s\"", text).isEqualTo(expected);
            int token = expected.get(random.nextInt(expected.size()));
            if (vocabulary.isEnd(token)) {
                return;
            }
            matcher.accept(token);
            state = oracle.walk(state, vocabulary.bytes(token));
            text.append(new String(vocabulary.bytes(token), StandardCharsets.UTF_8));
        }
    }

    static List<Integer> allowed(TokenMask mask) {
        List<Integer> out = new ArrayList<>();
        for (int t = 0; t < mask.size(); t++) {
            if (mask.allows(t)) {
                out.add(t);
            }
        }
        return out;
    }

    private static Expr randomExpr(Random r, int depth) {
        int kind = depth == 0 ? r.nextInt(2) : r.nextInt(5);
        return switch (kind) {
            case 0 -> {
                StringBuilder sb = new StringBuilder();
                for (int i = 0, n = 1 + r.nextInt(3); i < n; i++) {
                    sb.append(ALPHABET[r.nextInt(ALPHABET.length)]);
                }
                yield new Expr.Literal(sb.toString());
            }
            case 1 -> {
                CodePointSet set = new CodePointSet();
                for (int i = 0, n = 1 + r.nextInt(3); i < n; i++) {
                    set.add(ALPHABET[r.nextInt(ALPHABET.length)].codePointAt(0));
                }
                yield r.nextInt(4) == 0 ? set.complement() : set.toExpr();
            }
            case 2 -> new Expr.Seq(List.of(randomExpr(r, depth - 1), randomExpr(r, depth - 1)));
            case 3 -> new Expr.Alt(List.of(randomExpr(r, depth - 1), randomExpr(r, depth - 1), randomExpr(r, depth - 1)));
            default -> {
                int min = r.nextInt(3);
                yield new Expr.Repeat(randomExpr(r, depth - 1), min, r.nextBoolean() ? -1 : min + r.nextInt(3));
            }
        };
    }

    /** Random pieces of the alphabet, some single bytes (parts of UTF-8 characters too), a non-text token, an end token. */
    private static TokenVocabulary randomVocabulary(Random r) {
        List<byte[]> tokens = new ArrayList<>();
        for (int i = 0, n = 20 + r.nextInt(200); i < n; i++) {
            StringBuilder sb = new StringBuilder();
            for (int k = 0, len = 1 + r.nextInt(4); k < len; k++) {
                sb.append(ALPHABET[r.nextInt(ALPHABET.length)]);
            }
            tokens.add(bytes(sb.toString()));
        }
        if (r.nextBoolean()) {
            for (String s : ALPHABET) {
                for (byte b : bytes(s)) {
                    tokens.add(new byte[] {b});
                }
            }
        }
        tokens.add(bytes("a")); // a duplicate piece
        tokens.add(null);
        tokens.add(null);
        java.util.Collections.shuffle(tokens, r);
        int end = tokens.indexOf(null);
        return TokenVocabulary.of(tokens.toArray(byte[][]::new), end);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
