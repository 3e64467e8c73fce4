package dev.catena.llm.yaml;

import dev.catena.core.component.ComponentContext;
import dev.catena.llm.chat.LocalChatModel;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import org.junit.jupiter.api.Test;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@code local-gguf} YAML/config type: paths relative to the declaring file, built-in chat formats, clear errors. */
class LocalModelTypeTest {

    private final LocalModelType type = new LocalModelType();

    private static ComponentContext contextIn(Path dir) {
        return new ComponentContext() {
            @Override
            public <T> T resolve(String ref, Class<T> cls) {
                throw new AssertionError("no references expected, got " + ref);
            }

            @Override
            public String env(String name) {
                return null;
            }

            @Override
            public Path path(String relative) {
                return dir.resolve(relative);
            }
        };
    }

    private static Path models() throws URISyntaxException {
        return Path.of(LocalModelTypeTest.class.getResource("/model/llama-mha-f32.gguf").toURI()).getParent();
    }

    @Test
    void kvCacheChoosesTheStorageAndABadValueNamesTheField() throws Exception {
        var f16 = new LocalModelType.Spec("llama-mha-f32.gguf", null, 1, 256, 8, 0.0, null, null, 1L, null, "f16", null, null);
        LocalChatModel model = type.create(f16, contextIn(models()));
        assertThat(model.kvCacheType()).isEqualTo(dev.catena.llm.model.KvCacheType.F16);
        assertThat(model.chat(List.of(UserMessage.from("hi"))).aiMessage().text()).isNotNull();
        assertThat(type.create(spec("llama-mha-f32.gguf", null, null), contextIn(models())).kvCacheType())
                .isEqualTo(dev.catena.llm.model.KvCacheType.F32);
        assertThatThrownBy(() -> new LocalModelType.Spec("m.gguf", null, 1, 256, 8, 0.0, null, null, 1L, null, "f8", null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("kvCache: unknown KV cache type 'f8' (expected one of f32, f16, q8_0)");
    }

    @Test
    void slotsAndQueueCapacityReachTheScheduler() throws Exception {
        var batched = new LocalModelType.Spec("llama-mha-f32.gguf", null, 1, 256, 8, 0.0, null, null, 1L, null, null, 16, 3);
        LocalChatModel model = type.create(batched, contextIn(models()));
        assertThat(model.scheduler().config().slots()).isEqualTo(16);
        assertThat(model.scheduler().config().queueCapacity()).isEqualTo(3);
        var defaults = type.create(spec("llama-mha-f32.gguf", null, null), contextIn(models())).scheduler().config();
        assertThat(defaults.slots()).isEqualTo(4);
        assertThat(defaults.queueCapacity()).isEqualTo(64);
        assertThatThrownBy(() -> new LocalModelType.Spec("m.gguf", null, 1, 256, 8, 0.0, null, null, 1L, null, null, 0, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("slots must be at least 1, was 0");
        assertThatThrownBy(() -> new LocalModelType.Spec("m.gguf", null, 1, 256, 8, 0.0, null, null, 1L, null, null, null, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("queueCapacity must be at least 0, was -1");
    }

    private static LocalModelType.Spec spec(String path, String reference, String chatTemplate) {
        return new LocalModelType.Spec(path, reference, 1, 256, 8, 0.0, null, null, 1L, chatTemplate, null, null, null);
    }

    @Test
    void aRelativePathIsResolvedAgainstTheDeclaringFile() throws Exception {
        LocalChatModel model = type.create(spec("llama-mha-f32.gguf", null, null), contextIn(models()));

        assertThat(model.model().file().getFileName().toString()).isEqualTo("llama-mha-f32.gguf");
        assertThat(model.chat(List.of(UserMessage.from("hi"))).aiMessage().text()).isNotNull();
    }

    @Test
    void theTranscriptFormatRendersAPlainDialogueForBaseModels() throws Exception {
        LocalChatModel model = type.create(spec("llama-mha-f32.gguf", null, "transcript"), contextIn(models()));
        var messages = List.of(SystemMessage.from("Be brief."), UserMessage.from("Where is Paris?"));

        int counted = model.estimateTokenCountInMessages(messages);
        String expected = "Be brief.\n\nUser: Where is Paris?\n";
        int plain = model.model().tokenizer().encode(expected, false, true).length;
        assertThat(counted).as("the transcript adds no turn markers").isBetween(plain, plain + 1);
    }

    @Test
    void anUnknownChatFormatOrMissingFileIsAClearError() throws Exception {
        assertThatThrownBy(() -> type.create(spec("llama-mha-f32.gguf", null, "vicuna"), contextIn(models())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'vicuna'").hasMessageContaining("transcript");
        assertThatThrownBy(() -> type.create(spec("nope.gguf", null, null), contextIn(models())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nope.gguf").hasMessageContaining("does not exist");
        assertThatThrownBy(() -> spec(null, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'path'").hasMessageContaining("'reference'");
    }
}
