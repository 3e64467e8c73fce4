package dev.catena.llm.constraint;

import dev.catena.llm.constraint.grammar.Grammar;
import dev.catena.llm.constraint.grammar.GrammarException;
import dev.catena.llm.constraint.regex.RegexParser;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static dev.catena.llm.constraint.Automata.matches;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Regex grammars accept exactly the strings java.util.regex matches entirely. */
class RegexGrammarTest {

    private static final List<String> REGEXES = List.of(
            "a*b", "(ab|ba)+", "[a-c]{2,3}x?", "[^ab]+", "\\d{1,2}-\\w*", "(?:a|b.)*", "a?b?c?",
            "[-a0]+", "(a(b|)){2}", "\\s*x\\S", "é+[à-ü]?", "[0-9]+(\\.[0-9]+)?", "(?<g>ab)*?b", "x{0}a|b{3,}");
    private static final Map<String, Grammar> GRAMMARS = new LinkedHashMap<>();

    static {
        REGEXES.forEach(r -> GRAMMARS.put(r, RegexParser.grammar(r)));
    }

    @Property(tries = 400)
    void agreesWithJavaRegexOnRandomStrings(
            @ForAll @StringLength(max = 7) @Chars({'a', 'b', 'c', 'x', '0', '1', '-', '.', ' ', 'é', 'à', '_'})
            @CharRange(from = 'a', to = 'c') String text) {
        GRAMMARS.forEach((regex, grammar) -> assertThat(matches(grammar, text))
                .as("/%s/ on \"%s\"", regex, text).isEqualTo(Pattern.matches(regex, text)));
    }

    @Test
    void examplesThatMatch() {
        assertThat(matches(GRAMMARS.get("[0-9]+(\\.[0-9]+)?"), "12.50")).isTrue();
        assertThat(matches(GRAMMARS.get("(ab|ba)+"), "abbaab")).isTrue();
        assertThat(matches(GRAMMARS.get("é+[à-ü]?"), "ééü")).isTrue();
        assertThat(matches(RegexParser.grammar("^[A-Z]{3}$"), "ABC")).isTrue();
    }

    @Test
    void featuresOutsideContextFreeGrammarsAreRefusedNamingThem() {
        assertThatThrownBy(() -> RegexParser.grammar("(a)\\1"))
                .isInstanceOf(GrammarException.class).hasMessageContaining("backreference");
        assertThatThrownBy(() -> RegexParser.grammar("a(?=b)"))
                .hasMessageContaining("lookaround");
        assertThatThrownBy(() -> RegexParser.grammar("a$b")).hasMessageContaining("'$' is only supported at the end");
        assertThatThrownBy(() -> RegexParser.grammar("(ab")).hasMessageContaining("missing ')'");
        assertThatThrownBy(() -> RegexParser.grammar("*a")).hasMessageContaining("nothing to repeat");
    }
}
