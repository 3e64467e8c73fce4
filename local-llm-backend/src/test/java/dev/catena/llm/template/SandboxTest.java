package dev.catena.llm.template;

import dev.langchain4j.data.message.UserMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A template from a model file is untrusted: endless loops, huge strings, deep recursion and attempts to read
 * files end in a {@link ChatTemplateException} naming the template and the limit, not a hang, an
 * OutOfMemoryError or a file read. (The class timeout only guards against a hang; it is no speed claim.)
 */
@Timeout(120)
class SandboxTest {

    private static String render(String template) {
        return render(template, TemplateLimits.DEFAULT);
    }

    private static String render(String template, TemplateLimits limits) {
        return JinjaChatTemplate.builder("evil.gguf: tokenizer.chat_template", template).limits(limits).build()
                .render(List.of(UserMessage.from("hi")), List.of(), true);
    }

    @Test
    void aBillionLoopIterationsStopAtTheStepLimit() {
        String loop = "{% for a in range(1000) %}{% for b in range(1000) %}{% for c in range(1000) %}x{% endfor %}{% endfor %}{% endfor %}";
        assertThatThrownBy(() -> render(loop))
                .isInstanceOf(ChatTemplateException.class)
                .hasMessageStartingWith("evil.gguf: tokenizer.chat_template: ")
                .hasMessageContaining("template steps");
    }

    @Test
    void loopsWithEmptyBodiesStillCountOrTimeOut() {
        String loop = "{% for a in range(100000) %}{% for b in range(100000) %}{% for c in range(100000) %}{% endfor %}{% endfor %}{% endfor %}";
        assertThatThrownBy(() -> render(loop))
                .isInstanceOf(ChatTemplateException.class)
                .hasMessageMatching("(?s).*(template steps|longer than).*");
    }

    @Test
    void aRenderThatOutlivesItsTimeoutStops() {
        TemplateLimits tight = new TemplateLimits(4_000_000, Long.MAX_VALUE, Duration.ofMillis(200), 64, 100_000);
        String loop = "{% for a in range(100000) %}{% for b in range(100000) %}{% set x = a * b %}{% endfor %}{% endfor %}";
        assertThatThrownBy(() -> render(loop, tight))
                .isInstanceOf(ChatTemplateException.class)
                .hasMessageContaining("render took longer than 200 ms");
    }

    @Test
    void rangeLongerThanTheCollectionLimitIsCut() {
        // Jinjava truncates range() at the limit instead of building a billion-element list.
        assertThat(render("{{ range(1000000000)|length }}", new TemplateLimits(4_000_000, 2_000_000, Duration.ofSeconds(5), 64, 1000)))
                .isEqualTo("1000");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{% set ns = namespace(s='x') %}{% for i in range(100) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s|length }}",
            "{% set ns = namespace(s='x') %}{% for i in range(100) %}{% set ns.s = ns.s + ns.s %}{% endfor %}{{ ns.s }}",
            "{% for i in range(100000) %}{{ messages }}{{ messages }}{{ messages }}{{ messages }}{{ messages }}{{ messages }}{% endfor %}",
            "{% set ns = namespace(s='y') %}{% for i in range(60) %}{% set ns.s = ns.s.replace('y', 'yy') %}{% endfor %}{{ ns.s|length }}",
    })
    void hugeStringsStopAtTheSizeLimit(String template) {
        assertThatThrownBy(() -> render(template))
                .isInstanceOf(ChatTemplateException.class)
                .hasMessageStartingWith("evil.gguf: tokenizer.chat_template: ");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}",
            "{% macro f(n) %}x{{ f(n) }}{{ f(n) }}{% endmacro %}{{ f(0) }}",
    })
    void recursionStopsAtTheDepthLimit(String template) {
        assertThatThrownBy(() -> render(template))
                .isInstanceOf(ChatTemplateException.class)
                .hasMessageStartingWith("evil.gguf: tokenizer.chat_template: ");
    }

    @Test
    void includeImportFromAndExtendsCannotReadFiles() throws Exception {
        Path secret = Files.createTempFile("catena-secret", ".txt");
        Files.writeString(secret, "TOP-SECRET");
        try {
            for (String t : List.of("{% include '" + secret + "' %}", "{% import '" + secret + "' as s %}{{ s }}",
                    "{% from '" + secret + "' import x %}{{ x }}", "{% extends '" + secret + "' %}",
                    "{% include 'META-INF/MANIFEST.MF' %}", "{% include 'https://example.com/x' %}")) {
                assertThatThrownBy(() -> render(t)).as(t)
                        .isInstanceOf(ChatTemplateException.class)
                        .hasMessageStartingWith("evil.gguf: tokenizer.chat_template: ")
                        .hasMessageNotContaining("TOP-SECRET");
            }
        } finally {
            Files.delete(secret);
        }
    }

    @Test
    void javaObjectsAreNotReachable() {
        // No reflection from template expressions: getClass() and friends are refused or empty.
        for (String t : List.of("{{ messages.getClass().forName('java.lang.Runtime') }}", "{{ ''.getClass().getName() }}",
                "{{ messages[0].getClass() }}")) {
            String out;
            try {
                out = render(t);
            } catch (ChatTemplateException e) {
                continue;
            }
            assertThat(out).as(t).doesNotContain("java.lang");
        }
    }

    @Test
    void raiseExceptionFailsWithTheTemplatesMessage() {
        assertThatThrownBy(() -> render("{{ raise_exception('Only user and assistant roles are supported') }}"))
                .isInstanceOf(ChatTemplateException.class)
                .hasMessage("evil.gguf: tokenizer.chat_template: template raised an exception: Only user and assistant roles are supported");
    }

    @Test
    void syntaxErrorsNameTheLine() {
        assertThatThrownBy(() -> render("ok\n{% if messages %}\n{{ messages[0].content }}\n{% endfor %}"))
                .isInstanceOf(ChatTemplateException.class)
                .hasMessageContaining("evil.gguf: tokenizer.chat_template: cannot render: line ");
    }
}
