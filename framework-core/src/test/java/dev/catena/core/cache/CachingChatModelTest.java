package dev.catena.core.cache;

import dev.catena.core.support.FakeChatModel;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CachingChatModelTest {

    private static ChatRequest request(String text) {
        return ChatRequest.builder().messages(SystemMessage.from("be brief"), UserMessage.from(text)).build();
    }

    @Test
    void repeatedRequestIsAHitDifferentRequestIsAMiss() {
        FakeChatModel model = FakeChatModel.replies("one", "two");
        CachingChatModel cached = CachingChatModel.wrap(model, new InMemoryChatResponseCache(10));

        assertThat(cached.chat(request("a")).aiMessage().text()).isEqualTo("one");
        assertThat(cached.chat(request("a")).aiMessage().text()).isEqualTo("one");
        assertThat(cached.chat(request("b")).aiMessage().text()).isEqualTo("two");

        assertThat(cached.hits()).isEqualTo(1);
        assertThat(cached.misses()).isEqualTo(2);
        assertThat(model.requests()).hasSize(2);
    }

    @Test
    void keyCoversMessagesParametersAndTools() {
        ChatRequest base = request("q");
        CacheKey k = CacheKey.of("m", base);
        assertThat(CacheKey.of("m", request("q"))).isEqualTo(k);
        assertThat(CacheKey.of("other-model", base)).isNotEqualTo(k);
        assertThat(CacheKey.of("m", request("Q"))).isNotEqualTo(k);
        assertThat(CacheKey.of("m", base.toBuilder().temperature(0.1).build())).isNotEqualTo(k);
        assertThat(CacheKey.of("m", base.toBuilder().temperature(0.2).build()))
                .isNotEqualTo(CacheKey.of("m", base.toBuilder().temperature(0.1).build()));
        assertThat(CacheKey.of("m", base.toBuilder().toolSpecifications(ToolSpecification.builder().name("search").build()).build()))
                .isNotEqualTo(k);
        assertThat(CacheKey.of("m", base.toBuilder().maxOutputTokens(5).build())).isNotEqualTo(k);
    }

    @Test
    void inMemoryCacheEvictsLeastRecentlyUsed() {
        InMemoryChatResponseCache cache = new InMemoryChatResponseCache(2);
        CachingChatModel cached = CachingChatModel.wrap(FakeChatModel.replies("a", "b", "c", "a again"), cache);
        cached.chat(request("a"));
        cached.chat(request("b"));
        cached.chat(request("a"));   // a is now most recent
        cached.chat(request("c"));   // evicts b
        assertThat(cache.size()).isEqualTo(2);
        assertThat(cached.chat(request("a")).aiMessage().text()).isEqualTo("a");
        assertThat(cached.hits()).isEqualTo(2);
        assertThat(cached.chat(request("b")).aiMessage().text()).isEqualTo("a again");
    }

    @Test
    void fileCachePersistsAcrossInstances(@TempDir Path dir) {
        CachingChatModel first = CachingChatModel.wrap(FakeChatModel.replies("persisted"), new FileChatResponseCache(dir), "model-x");
        ChatResponse original = first.chat(request("remember me"));
        assertThat(original.aiMessage().text()).isEqualTo("persisted");

        FakeChatModel second = FakeChatModel.replies();
        CachingChatModel reopened = CachingChatModel.wrap(second, new FileChatResponseCache(dir), "model-x");
        ChatResponse again = reopened.chat(request("remember me"));

        assertThat(again.aiMessage().text()).isEqualTo("persisted");
        assertThat(again.tokenUsage().outputTokenCount()).isEqualTo(5);
        assertThat(again.modelName()).isEqualTo("fake-model");
        assertThat(reopened.hits()).isEqualTo(1);
        assertThat(second.requests()).isEmpty();
    }

    @Test
    void corruptFileEntryNamesTheFile(@TempDir Path dir) throws Exception {
        FileChatResponseCache cache = new FileChatResponseCache(dir);
        CacheKey key = CacheKey.of("m", request("x"));
        Files.writeString(dir.resolve(key.hash() + ".json"), "{not json");
        assertThatThrownBy(() -> cache.get(key)).hasMessageContaining(key.hash() + ".json").hasMessageContaining("Corrupt");
        cache.clear();
        assertThat(cache.get(key)).isEmpty();
    }

    @Test
    void failuresAreNotCached() {
        FakeChatModel model = FakeChatModel.replies("ok");
        CachingChatModel cached = CachingChatModel.wrap(model, new InMemoryChatResponseCache(4));
        assertThat(cached.chat(request("x")).aiMessage().text()).isEqualTo("ok");
        assertThatThrownBy(() -> cached.chat(request("y"))).hasMessageContaining("no more replies");
        assertThatThrownBy(() -> cached.chat(request("y"))).hasMessageContaining("no more replies");
        assertThat(cached.misses()).isEqualTo(3);
    }
}
