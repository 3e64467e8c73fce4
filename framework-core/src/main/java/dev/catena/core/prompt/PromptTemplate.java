package dev.catena.core.prompt;

import dev.catena.core.runnable.RunContext;
import dev.catena.core.runnable.Runnable;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A text prompt with variables, as a step from a map of values to a {@link StringPromptValue}.
 *
 * <pre>{@code
 * PromptTemplate t = PromptTemplate.of("Tell me a joke about {topic}.");
 * t.format(Map.of("topic", "cats"));
 * }</pre>
 *
 * <p>Variables are checked when the template is built: if input variables are declared, a template
 * variable that is neither declared nor partial ("missing") and a declared variable the template
 * does not use ("extra") are errors naming them. At format time a missing value is an error naming
 * the variable; values for other keys are ignored, so a template can sit after an {@code assign}.
 */
public final class PromptTemplate implements Runnable<Map<String, Object>, PromptValue> {

    private final TextTemplate template;
    private final Map<String, Object> partials;
    private final Set<String> inputVariables;

    private PromptTemplate(TextTemplate template, Map<String, Object> partials, Set<String> declared) {
        this.template = template;
        this.partials = Map.copyOf(partials);
        if (declared != null) {
            Variables.check(template.variables(), declared, partials.keySet(), "Prompt template");
            this.inputVariables = Set.copyOf(declared);
        } else {
            Variables.check(template.variables(), minus(template.variables(), partials.keySet()), partials.keySet(), "Prompt template");
            this.inputVariables = minus(template.variables(), partials.keySet());
        }
    }

    /** A template in {@code {var}} syntax. */
    public static PromptTemplate of(String template) {
        return builder().template(template).build();
    }

    /** A template in the given syntax. */
    public static PromptTemplate of(String template, TemplateFormat format) {
        return builder().template(template).format(format).build();
    }

    /** Loads a template file; {@code .mustache} files are Mustache, others use {@code {var}}. */
    public static PromptTemplate fromFile(Path file) {
        String name = file.getFileName().toString();
        return new PromptTemplate(TextTemplate.of(TemplateSources.readFile(file), TemplateSources.formatOf(name), file.toString()),
                Map.of(), null);
    }

    /** Loads a template resource from the classpath; {@code .mustache} resources are Mustache. */
    public static PromptTemplate fromClasspath(String resource) {
        return new PromptTemplate(TextTemplate.of(TemplateSources.readClasspath(resource, PromptTemplate.class.getClassLoader()),
                TemplateSources.formatOf(resource), "classpath:" + resource), Map.of(), null);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The variables a caller must supply (template variables minus partials). */
    public Set<String> inputVariables() {
        return inputVariables;
    }

    /** The underlying parsed text. */
    public TextTemplate template() {
        return template;
    }

    /** A copy with {@code name} fixed to {@code value} (a {@link Supplier} is called at each format). */
    public PromptTemplate partial(String name, Object value) {
        if (!template.variables().contains(name)) {
            throw new TemplateException("Cannot make '" + name + "' partial: the template has no such variable (has: "
                    + template.variables() + ")");
        }
        Map<String, Object> p = new LinkedHashMap<>(partials);
        p.put(name, Objects.requireNonNull(value, "value"));
        return new PromptTemplate(template, p, minus(inputVariables, Set.of(name)));
    }

    /** Renders the template. */
    public String format(Map<String, ?> values) {
        return template.render(Variables.withPartials(partials, values));
    }

    @Override
    public PromptValue doInvoke(Map<String, Object> input, RunContext run) {
        return new StringPromptValue(format(input));
    }

    @Override
    public String name() {
        return "PromptTemplate";
    }

    private static Set<String> minus(Set<String> a, Set<String> b) {
        Set<String> out = new LinkedHashSet<>(a);
        out.removeAll(b);
        return Set.copyOf(out);
    }

    /** Builder of a {@link PromptTemplate}. */
    public static final class Builder {
        private String template;
        private TemplateFormat format = TemplateFormat.BRACES;
        private Set<String> inputVariables;
        private final Map<String, Object> partials = new LinkedHashMap<>();

        public Builder template(String template) { this.template = template; return this; }
        public Builder format(TemplateFormat format) { this.format = Objects.requireNonNull(format, "format"); return this; }
        /** Declares the input variables; the template must use exactly these plus the partials. */
        public Builder inputVariables(String... names) { this.inputVariables = new LinkedHashSet<>(Arrays.asList(names)); return this; }
        public Builder partial(String name, Object value) { partials.put(name, Objects.requireNonNull(value, "value")); return this; }
        public Builder partial(String name, Supplier<?> value) { partials.put(name, Objects.requireNonNull(value, "value")); return this; }
        public PromptTemplate build() {
            if (template == null) throw new TemplateException("A prompt template needs template text");
            return new PromptTemplate(TextTemplate.of(template, format), partials, inputVariables);
        }
    }
}
