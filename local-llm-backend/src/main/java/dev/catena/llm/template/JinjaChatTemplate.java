package dev.catena.llm.template;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.ChatMessage;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A Hugging Face chat template (Jinja text, e.g. a GGUF file's {@code tokenizer.chat_template}) rendered in a
 * sandbox. The template sees what {@code transformers}' {@code apply_chat_template} passes: {@code messages},
 * {@code tools} ({@code none} when empty), {@code documents} (none), {@code add_generation_prompt},
 * {@code bos_token} and {@code eos_token}. Immutable and thread-safe.
 */
public final class JinjaChatTemplate implements ChatTemplate {

    /** Turn-end markers recognised in a template's text to derive its stop strings. */
    private static final List<String> END_MARKERS = List.of(
            "<end_of_turn>", "<|im_end|>", "<|eot_id|>", "<|eom_id|>", "<|end|>", "<|endoftext|>", "<|end_of_text|>",
            "</s>", "<|END_OF_TURN_TOKEN|>", "<｜end▁of▁sentence｜>");

    private final SandboxedJinja engine;
    private final String bosToken;
    private final String eosToken;
    private final List<String> stopStrings;

    private JinjaChatTemplate(Builder b) {
        this.engine = new SandboxedJinja(b.source, b.template, b.limits, b.clock);
        this.bosToken = b.bosToken;
        this.eosToken = b.eosToken;
        this.stopStrings = b.stopStrings != null ? List.copyOf(b.stopStrings) : deriveStops(b.template, b.eosToken);
    }

    /** A template with default limits and the system clock. */
    public static JinjaChatTemplate of(String source, String template, String bosToken, String eosToken) {
        return builder(source, template).bosToken(bosToken).eosToken(eosToken).build();
    }

    /**
     * @param source   where the template comes from, named by every error (e.g. {@code model.gguf: tokenizer.chat_template})
     * @param template the Jinja text
     */
    public static Builder builder(String source, String template) {
        return new Builder(source, template);
    }

    @Override
    public String render(List<ChatMessage> messages, List<ToolSpecification> tools, boolean addGenerationPrompt) {
        Objects.requireNonNull(messages, "messages");
        Map<String, Object> vars = new HashMap<>();
        try {
            vars.put("messages", TemplateVariables.messages(messages));
        } catch (IllegalArgumentException e) {
            throw new ChatTemplateException(engine.source(), e.getMessage(), e);
        }
        vars.put("tools", TemplateVariables.tools(tools));
        vars.put("documents", null);
        vars.put("add_generation_prompt", addGenerationPrompt);
        vars.put("bos_token", bosToken);
        vars.put("eos_token", eosToken);
        // Templates test "strftime_now is defined" before calling it, as they may under other engines.
        vars.put("strftime_now", true);
        vars.put("raise_exception", true);
        return engine.render(vars);
    }

    @Override
    public List<String> stopStrings() {
        return stopStrings;
    }

    private static List<String> deriveStops(String template, String eos) {
        Set<String> stops = new LinkedHashSet<>();
        for (String marker : END_MARKERS) {
            if (template.contains(marker)) {
                stops.add(marker);
            }
        }
        if (eos != null && !eos.isEmpty()) {
            stops.add(eos);
        }
        return new ArrayList<>(stops);
    }

    @Override
    public String toString() {
        return "JinjaChatTemplate[" + engine.source() + "]";
    }

    /** Builder; defaults: empty BOS/EOS text, {@link TemplateLimits#DEFAULT}, the system clock, stop strings derived from the template. */
    public static final class Builder {
        private final String source;
        private final String template;
        private String bosToken = "";
        private String eosToken = "";
        private TemplateLimits limits = TemplateLimits.DEFAULT;
        private Clock clock = Clock.systemDefaultZone();
        private List<String> stopStrings;

        private Builder(String source, String template) {
            this.source = Objects.requireNonNull(source, "source");
            this.template = Objects.requireNonNull(template, "template");
        }

        public Builder bosToken(String v) { bosToken = v == null ? "" : v; return this; }
        public Builder eosToken(String v) { eosToken = v == null ? "" : v; return this; }
        public Builder limits(TemplateLimits v) { limits = Objects.requireNonNull(v); return this; }
        /** The clock {@code strftime_now} reads (tests fix it). */
        public Builder clock(Clock v) { clock = Objects.requireNonNull(v); return this; }
        /** Overrides the stop strings derived from the template's turn-end markers and EOS. */
        public Builder stopStrings(List<String> v) { stopStrings = List.copyOf(v); return this; }

        public JinjaChatTemplate build() {
            return new JinjaChatTemplate(this);
        }
    }
}
