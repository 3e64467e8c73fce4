package dev.catena.core.prompt;

import dev.catena.core.runnable.RunContext;
import dev.catena.core.runnable.Runnable;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A prompt with examples: {@code prefix}, then each selected example formatted by
 * {@code examplePrompt}, then {@code suffix} (which normally holds the input), joined by
 * {@code separator}. Examples come from an {@link ExampleSelector} (fixed, max-length, semantic).
 */
public final class FewShotPromptTemplate implements Runnable<Map<String, Object>, PromptValue> {

    private final PromptTemplate prefix;
    private final PromptTemplate examplePrompt;
    private final ExampleSelector selector;
    private final PromptTemplate suffix;
    private final String separator;
    private final Set<String> inputVariables;

    private FewShotPromptTemplate(Builder b) {
        this.examplePrompt = Objects.requireNonNull(b.examplePrompt, "examplePrompt");
        this.selector = Objects.requireNonNull(b.selector, "a few-shot template needs examples or an example selector");
        this.suffix = Objects.requireNonNull(b.suffix, "suffix");
        this.prefix = b.prefix;
        this.separator = b.separator;
        Set<String> vars = new LinkedHashSet<>(suffix.inputVariables());
        if (prefix != null) vars.addAll(prefix.inputVariables());
        this.inputVariables = Set.copyOf(vars);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The variables of prefix and suffix. */
    public Set<String> inputVariables() {
        return inputVariables;
    }

    /** Renders the prompt text for {@code values}. */
    public String format(Map<String, ?> values) {
        List<String> pieces = new ArrayList<>();
        if (prefix != null) pieces.add(prefix.format(values));
        for (Map<String, Object> example : selector.select(values)) {
            try {
                pieces.add(examplePrompt.format(example));
            } catch (TemplateException e) {
                throw new TemplateException("Few-shot example " + example + " does not fit the example prompt: " + e.getMessage(), e);
            }
        }
        pieces.add(suffix.format(values));
        return String.join(separator, pieces);
    }

    @Override
    public PromptValue doInvoke(Map<String, Object> input, RunContext run) {
        return new StringPromptValue(format(input));
    }

    @Override
    public String name() {
        return "FewShotPromptTemplate";
    }

    /** Builder of a {@link FewShotPromptTemplate}. */
    public static final class Builder {
        private PromptTemplate prefix;
        private PromptTemplate examplePrompt;
        private ExampleSelector selector;
        private PromptTemplate suffix;
        private String separator = "\n\n";

        public Builder prefix(String template) { this.prefix = PromptTemplate.of(template); return this; }
        public Builder prefix(PromptTemplate template) { this.prefix = template; return this; }
        public Builder examplePrompt(String template) { this.examplePrompt = PromptTemplate.of(template); return this; }
        public Builder examplePrompt(PromptTemplate template) { this.examplePrompt = template; return this; }
        /** A fixed list of examples. */
        public Builder examples(List<? extends Map<String, ?>> examples) { this.selector = ExampleSelector.fixed(examples); return this; }
        public Builder exampleSelector(ExampleSelector selector) { this.selector = selector; return this; }
        public Builder suffix(String template) { this.suffix = PromptTemplate.of(template); return this; }
        public Builder suffix(PromptTemplate template) { this.suffix = template; return this; }
        public Builder separator(String separator) { this.separator = Objects.requireNonNull(separator, "separator"); return this; }
        public FewShotPromptTemplate build() { return new FewShotPromptTemplate(this); }
    }
}
