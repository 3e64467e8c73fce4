package dev.catena.llm.constraint;

import dev.catena.llm.constraint.grammar.Gbnf;
import dev.catena.llm.constraint.grammar.Grammar;
import dev.catena.llm.constraint.grammar.GrammarException;
import org.junit.jupiter.api.Test;

import static dev.catena.llm.constraint.Automata.isPrefix;
import static dev.catena.llm.constraint.Automata.matches;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GbnfTest {

    @Test
    void literalsAlternativesGroupsAndRepetitions() {
        Grammar g = Gbnf.parse("""
                # a greeting, then digits
                root ::= greeting " " ("x" | "y")+ digits?
                greeting ::= "hi" | "hello"
                digits ::= [0-9]{2,3}
                """);
        assertThat(matches(g, "hi x")).isTrue();
        assertThat(matches(g, "hello xyx12")).isTrue();
        assertThat(matches(g, "hello y123")).isTrue();
        assertThat(matches(g, "hello y1")).isFalse();
        assertThat(matches(g, "hello y1234")).isFalse();
        assertThat(matches(g, "hey x")).isFalse();
        assertThat(matches(g, "hi ")).isFalse();
        assertThat(isPrefix(g, "hel")).isTrue();
        assertThat(isPrefix(g, "hex")).isFalse();
    }

    @Test
    void characterClassesWithEscapesNegationAndUnicode() {
        Grammar g = Gbnf.parse("root ::= \"\\\"\" [^\"\\\\\\x00-\\x1F]* \"\\\"\"\n");
        assertThat(matches(g, "\"plain text\"")).isTrue();
        assertThat(matches(g, "\"h\u00e9llo \u4e16\u754c \ud83d\ude00\"")).isTrue();
        assertThat(matches(g, "\"a\"b\"")).isFalse();
        assertThat(matches(g, "\"a\\b\"")).isFalse();
        assertThat(matches(g, "\"a\nb\"")).isFalse();
        Grammar greek = Gbnf.parse("root ::= [\\u03B1-\\u03C9]+ [a-c-]");
        assertThat(matches(greek, "\u03b1\u03b2\u03c9-")).isTrue();
        assertThat(matches(greek, "\u03b1b")).isTrue();
        assertThat(matches(greek, "\u0391b")).isFalse();
    }

    @Test
    void multiLineRulesAndBoundedRepetitionForms() {
        Grammar g = Gbnf.parse("""
                root ::=
                  "[" (
                    item
                    ("," item)*
                  )? "]"
                item ::= "a"{1,} "b"{2} "c"{0,1}
                """);
        assertThat(matches(g, "[]")).isTrue();
        assertThat(matches(g, "[abb,aaabbc]")).isTrue();
        assertThat(matches(g, "[ab]")).isFalse();
        assertThat(matches(g, "[abbcc]")).isFalse();
    }

    @Test
    void anyCharacterDot() {
        Grammar g = Gbnf.parse("root ::= \"<\" . \">\"");
        assertThat(matches(g, "<x>")).isTrue();
        assertThat(matches(g, "<\u00e9>")).isTrue();
        assertThat(matches(g, "<xy>")).isFalse();
    }

    @Test
    void syntaxErrorsNameLineAndColumn() {
        assertThatThrownBy(() -> Gbnf.parse("root ::= \"a\"\nitem ::= (\"b\" | \n"))
                .isInstanceOf(GrammarException.class).hasMessage("grammar 3:1: expected ')' to close the group");
        assertThatThrownBy(() -> Gbnf.parse("root ::= \"abc"))
                .hasMessage("grammar 1:10: unterminated string literal");
        assertThatThrownBy(() -> Gbnf.parse("root = \"a\""))
                .hasMessage("grammar 1:6: expected '::=' after rule name 'root'");
        assertThatThrownBy(() -> Gbnf.parse("root ::= [a-"))
                .hasMessageContaining("unterminated character class");
        assertThatThrownBy(() -> Gbnf.parse("root ::= \"a\"{3,1}"))
                .hasMessageContaining("maximum below its minimum");
        assertThatThrownBy(() -> Gbnf.parse("item ::= \"a\""))
                .hasMessage("the grammar has no 'root' rule to start from");
        assertThatThrownBy(() -> Gbnf.parse("root ::= \"a\"\nroot ::= \"b\""))
                .hasMessage("grammar 2:1: rule 'root' is defined twice");
    }

    @Test
    void unusableRulesAreRefusedBeforeUse() {
        assertThatThrownBy(() -> Gbnf.parse("root ::= item"))
                .hasMessage("rule 'root' refers to undefined rule 'item'");
        assertThatThrownBy(() -> Gbnf.parse("root ::= list\nlist ::= list \",\" \"a\" | \"a\""))
                .hasMessageStartingWith("rule 'list' is left-recursive");
        assertThatThrownBy(() -> Gbnf.parse("root ::= \"a\" loop\nloop ::= \"b\" loop"))
                .hasMessageStartingWith("rule 'loop' can never finish");
        assertThatThrownBy(() -> Gbnf.parse("root ::= x? root \"a\" | \"b\"\nx ::= \"c\""))
                .hasMessageStartingWith("rule 'root' is left-recursive");
    }

    @Test
    void rightRecursionAndNestingWork() {
        Grammar g = Gbnf.parse("""
                root ::= value
                value ::= "[" (value ("," value)*)? "]" | "n"
                """);
        assertThat(matches(g, "[[n,[]],n,[[[n]]]]")).isTrue();
        assertThat(matches(g, "[[n,[]],n,[[[n]]]")).isFalse();
        assertThat(isPrefix(g, "[[n,[]],n,[[[n]]]")).isTrue();
    }
}
