package dev.catena.llm.template;

import dev.catena.llm.gguf.GgufFile;
import dev.catena.llm.gguf.GgufMetadata;
import dev.catena.llm.gguf.GgufValueType;
import dev.catena.llm.tools.GgufWriter;
import dev.catena.llm.tokenizer.Tokenizer;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Choosing a model's template from GGUF metadata: the file's own, or the built-in format of its architecture. */
class ChatTemplatesTest {

    private static final List<String> LLAMA3_TOKENS = List.of("<|begin_of_text|>", "<|eot_id|>", "<|start_header_id|>", "<|end_header_id|>", "a");
    private static final List<String> GEMMA_TOKENS = List.of("<pad>", "<eos>", "<bos>", "<start_of_turn>", "<end_of_turn>");

    private static GgufMetadata metadata(String arch, List<String> tokens, String template) {
        GgufWriter w = new GgufWriter().putString("general.architecture", arch)
                .putArray("tokenizer.ggml.tokens", GgufValueType.STRING, tokens);
        if (template != null) {
            w.putString("tokenizer.chat_template", template);
        }
        return GgufFile.read(MemorySegment.ofArray(w.toBytes()), "test-" + arch + ".gguf").metadata();
    }

    /** A tokenizer that only knows its vocabulary's texts and BOS/EOS ids (all a template needs). */
    static Tokenizer tokenizer(List<String> tokens, int bos, int eos) {
        return (Tokenizer) Proxy.newProxyInstance(Tokenizer.class.getClassLoader(), new Class<?>[] {Tokenizer.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "tokenText" -> tokens.get((Integer) args[0]);
                    case "bosToken" -> bos;
                    case "eosToken" -> eos;
                    case "vocabularySize" -> tokens.size();
                    case "toString" -> "test tokenizer";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static final List<dev.langchain4j.data.message.ChatMessage> CHAT =
            List.of(SystemMessage.from("Be brief."), UserMessage.from("Hi"), AiMessage.from("Hello."), UserMessage.from("Bye"));

    @Test
    void theFilesOwnTemplateIsUsedWithBosAndEosTextFromTheTokenizer() {
        GgufMetadata md = metadata("qwen2", List.of("<s>", "</s>", "x"), "{{ bos_token }}{% for m in messages %}[{{ m.role }}]{{ m.content }}{% endfor %}{{ eos_token }}");
        ChatTemplate t = ChatTemplates.fromGguf(md, tokenizer(List.of("<s>", "</s>", "x"), 0, 1));
        assertThat(t.render(CHAT, List.of(), true)).isEqualTo("<s>[system]Be brief.[user]Hi[assistant]Hello.[user]Bye</s>");
        assertThat(t.stopStrings()).containsExactly("</s>");
    }

    @Test
    void theToolUseTemplateRendersWhenToolsAreGiven() {
        GgufWriter w = new GgufWriter().putString("general.architecture", "llama")
                .putArray("tokenizer.ggml.tokens", GgufValueType.STRING, List.of("<s>", "</s>"))
                .putString("tokenizer.chat_template", "plain:{% for m in messages %}{{ m.content }}{% endfor %}<|im_end|>")
                .putString("tokenizer.chat_template.tool_use", "tools:{{ tools|map(attribute='function')|map(attribute='name')|join(',') }}<|eot_id|>");
        GgufMetadata md = GgufFile.read(MemorySegment.ofArray(w.toBytes()), "hermes.gguf").metadata();
        ChatTemplate t = ChatTemplates.fromGguf(md, tokenizer(List.of("<s>", "</s>"), 0, 1));
        assertThat(t.render(CHAT, List.of(), true)).isEqualTo("plain:Be brief.HiHello.Bye<|im_end|>");
        assertThat(t.render(CHAT, ReferenceConversations.tools(), true)).isEqualTo("tools:get_weather,add<|eot_id|>");
        assertThat(t.stopStrings()).containsExactly("<|im_end|>", "</s>", "<|eot_id|>");
    }

    @Test
    void aBrokenTemplateInTheFileIsNamedInTheError() {
        GgufMetadata md = metadata("qwen2", List.of("a"), "{% for m in messages %}{{ m.content ");
        ChatTemplate t = ChatTemplates.fromGguf(md, tokenizer(List.of("a"), -1, -1));
        assertThatThrownBy(() -> t.render(CHAT, List.of(), true))
                .isInstanceOf(ChatTemplateException.class)
                .hasMessageStartingWith("test-qwen2.gguf: tokenizer.chat_template: ");
    }

    @Test
    void gemmaWithoutTemplateGetsGemmaTurns() {
        GgufMetadata md = metadata("gemma3", GEMMA_TOKENS, null);
        ChatTemplate t = ChatTemplates.fromGguf(md, tokenizer(GEMMA_TOKENS, 2, 1));
        assertThat(ChatTemplates.fallback(md)).isEqualTo(ChatTemplates.Builtin.GEMMA);
        assertThat(t.render(CHAT, List.of(), true)).isEqualTo("<bos><start_of_turn>user\nBe brief.\n\nHi<end_of_turn>\n"
                + "<start_of_turn>model\nHello.<end_of_turn>\n<start_of_turn>user\nBye<end_of_turn>\n<start_of_turn>model\n");
        assertThat(t.stopStrings()).containsExactly("<end_of_turn>", "<eos>");
    }

    @Test
    void llamaWithLlama3TokensGetsLlama3Headers() {
        GgufMetadata md = metadata("llama", LLAMA3_TOKENS, null);
        ChatTemplate t = ChatTemplates.fromGguf(md, tokenizer(LLAMA3_TOKENS, 0, 1));
        assertThat(ChatTemplates.fallback(md)).isEqualTo(ChatTemplates.Builtin.LLAMA3);
        assertThat(t.render(List.of(UserMessage.from("Hi")), List.of(), true)).isEqualTo(
                "<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\nCutting Knowledge Date: December 2023\n"
                        + "Today Date: 26 Jul 2024\n\n<|eot_id|><|start_header_id|>user<|end_header_id|>\n\nHi<|eot_id|>"
                        + "<|start_header_id|>assistant<|end_header_id|>\n\n");
        assertThat(t.stopStrings()).contains("<|eot_id|>", "<|eom_id|>");
    }

    @Test
    void otherModelsGetChatMl() {
        assertThat(ChatTemplates.fallback(metadata("llama", List.of("<s>", "</s>"), null))).isEqualTo(ChatTemplates.Builtin.CHATML);
        GgufMetadata md = metadata("qwen3", List.of("<|im_start|>", "<|im_end|>"), null);
        ChatTemplate t = ChatTemplates.fromGguf(md, tokenizer(List.of("<|im_start|>", "<|im_end|>"), -1, 1));
        assertThat(t.render(List.of(SystemMessage.from("S"), UserMessage.from("Hi")), List.of(), true))
                .isEqualTo("<|im_start|>system\nS<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n");
        assertThat(t.stopStrings()).containsExactly("<|im_end|>");
    }

    @Test
    void realGemma3FileHasNoTemplateAndGetsGemmaTurns() {
        Path file = dev.catena.testing.ExternalInputs.gemma();
        try (GgufFile gguf = GgufFile.open(file)) {
            GgufMetadata md = gguf.metadata();
            assertThat(md.contains("tokenizer.chat_template")).isFalse();
            List<String> tokens = md.getStringArray("tokenizer.ggml.tokens");
            ChatTemplate t = ChatTemplates.fromGguf(md, tokenizer(tokens, md.getInt("tokenizer.ggml.bos_token_id"), md.getInt("tokenizer.ggml.eos_token_id")));
            assertThat(t.render(List.of(UserMessage.from("Hi")), List.of(), true))
                    .isEqualTo("<bos><start_of_turn>user\nHi<end_of_turn>\n<start_of_turn>model\n");
            assertThat(t.stopStrings()).containsExactly("<end_of_turn>", "<eos>");
        }
    }
}
