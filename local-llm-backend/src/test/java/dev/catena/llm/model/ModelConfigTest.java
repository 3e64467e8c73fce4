package dev.catena.llm.model;

import dev.catena.llm.gguf.GgufFormatException;
import dev.catena.llm.UnsupportedModelException;
import org.junit.jupiter.api.Test;

import static dev.catena.llm.model.ReferenceModels.load;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelConfigTest {

    @Test
    void readsGemma3SlidingWindowLayersSoftcapAndHeadWidth() {
        try (ReferenceModels.Loaded m = load("gemma3-f32", 1)) {
            ModelConfig c = m.transformer().config();
            assertThat(c.architecture()).isEqualTo(Architecture.GEMMA3);
            assertThat(c.headDim()).isEqualTo(32);
            assertThat(c.queryDim()).isEqualTo(128).isNotEqualTo(c.dim());
            assertThat(c.kvHeads()).isEqualTo(1);
            assertThat(c.slidingWindow()).isEqualTo(5);
            assertThat(c.isSlidingWindowLayer(0)).isTrue();
            assertThat(c.isSlidingWindowLayer(1)).isTrue();
            assertThat(c.isSlidingWindowLayer(2)).isFalse();
            assertThat(c.ropeBase()).isEqualTo(1e6f);
            assertThat(c.ropeBaseLocal()).isEqualTo(1e4f);
            assertThat(c.logitSoftcap()).isEqualTo(30f);
            assertThat(c.rmsEps()).isEqualTo(1e-6f);
            // tied embeddings: the LM head is the embedding table
            assertThat(m.transformer().weights().output()).isSameAs(m.transformer().weights().tokenEmbedding());
        }
    }

    @Test
    void readsLlama3FrequencyFactorsAndQwen2LinearScaling() {
        try (ReferenceModels.Loaded llama = load("llama3-gqa-tied-f32", 1);
             ReferenceModels.Loaded qwen = load("qwen2-gqa-f32", 1)) {
            assertThat(llama.transformer().weights().ropeFreqs()).hasSize(4).startsWith(1f).endsWith(8f);
            assertThat(llama.transformer().config().architecture().ropeStyle()).isEqualTo(Architecture.RopeStyle.NORMAL);
            assertThat(qwen.transformer().config().ropeFreqScale()).isEqualTo(0.25f);
            assertThat(qwen.transformer().config().architecture().ropeStyle()).isEqualTo(Architecture.RopeStyle.NEOX);
            assertThat(qwen.transformer().weights().layers().getFirst().bq()).isNotNull();
        }
    }

    @Test
    void unknownArchitectureNamesFileAndField() {
        assertThatThrownBy(() -> Architecture.fromGguf("bert", "models/x.gguf"))
                .isInstanceOf(UnsupportedModelException.class)
                .hasMessageContaining("models/x.gguf").hasMessageContaining("general.architecture").hasMessageContaining("bert");
    }

    @Test
    void missingOrMisshapenTensorNamesFileAndTensor() {
        try (ReferenceModels.Loaded m = load("llama-mha-f32", 1)) {
            ModelConfig c = m.transformer().config();
            var gguf = m.gguf();
            Weights.TensorLookup all = n -> gguf.hasTensor(n) ? gguf.tensor(n) : null;
            assertThatThrownBy(() -> Weights.load(c,
                    n -> n.equals("blk.1.ffn_up.weight") ? null : all.find(n), "f.gguf"))
                    .isInstanceOf(GgufFormatException.class).hasMessageContaining("f.gguf").hasMessageContaining("blk.1.ffn_up.weight");
            assertThatThrownBy(() -> Weights.load(c,
                    n -> n.equals("blk.0.attn_q.weight") ? all.find("blk.0.ffn_up.weight") : all.find(n), "f.gguf"))
                    .isInstanceOf(GgufFormatException.class).hasMessageContaining("blk.0.attn_q.weight").hasMessageContaining("shape");
        }
    }

    @Test
    void tokenOutsideVocabularyIsRejectedClearly() {
        try (ReferenceModels.Loaded m = load("llama-mha-f32", 1)) {
            Transformer t = m.transformer();
            assertThatThrownBy(() -> t.forward(new int[] {5, 100000}, t.newCache(8), false))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("100000").hasMessageContaining("vocabulary");
        }
    }

    @Test
    void kvCacheRefusesMoreThanItsContext() {
        try (ReferenceModels.Loaded m = load("llama-mha-f32", 1)) {
            Transformer t = m.transformer();
            KvCache cache = t.newCache(4);
            t.forward(new int[] {1, 2, 3}, cache, false);
            assertThatThrownBy(() -> t.forward(new int[] {4, 5}, cache, false))
                    .isInstanceOf(ContextLengthExceededException.class).hasMessageContaining("5 tokens").hasMessageContaining("4");
        }
    }
}
