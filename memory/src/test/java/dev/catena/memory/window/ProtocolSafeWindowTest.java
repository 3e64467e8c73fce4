package dev.catena.memory.window;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProtocolSafeWindowTest {

    private static final ToolExecutionRequest CALL = ToolExecutionRequest.builder().id("c1").name("calc").arguments("{\"e\":\"1+1\"}").build();

    static List<ChatMessage> historyWithToolCalls() {
        List<ChatMessage> h = new ArrayList<>();
        h.add(SystemMessage.from("You are helpful."));
        h.add(UserMessage.from("hi"));
        h.add(AiMessage.from("hello"));
        h.add(UserMessage.from("what is 1+1?"));
        h.add(AiMessage.from(CALL));
        h.add(ToolExecutionResultMessage.from(CALL, "2"));
        h.add(AiMessage.from("It is 2."));
        h.add(UserMessage.from("thanks"));
        h.add(AiMessage.from("you're welcome"));
        return h;
    }

    @Test
    void everyWindowSizeKeepsSystemFirstAndNeverOrphansToolMessages() {
        List<ChatMessage> history = historyWithToolCalls();
        for (int max = 1; max <= history.size() + 2; max++) {
            List<ChatMessage> window = ProtocolSafeWindow.lastMessages(history, max);
            assertThat(window.size()).as("size for max %d", max).isLessThanOrEqualTo(Math.max(max, 1));
            assertThat(window.getFirst()).isInstanceOf(SystemMessage.class);
            assertProtocol(window);
        }
    }

    @Test
    void windowCutsBeforeAUserMessageAndKeepsTheNewestTurns() {
        List<ChatMessage> window = ProtocolSafeWindow.lastMessages(historyWithToolCalls(), 5);
        // 4 non-system slots: the cut would fall inside the tool exchange, so it moves to "thanks".
        assertThat(window).containsExactly(SystemMessage.from("You are helpful."),
                UserMessage.from("thanks"), AiMessage.from("you're welcome"));
        List<ChatMessage> wider = ProtocolSafeWindow.lastMessages(historyWithToolCalls(), 7);
        assertThat(wider.get(1)).isEqualTo(UserMessage.from("what is 1+1?"));
        assertThat(wider).hasSize(7);
    }

    @Test
    void tokenWindowFitsTheBudget() {
        CharacterTokenEstimator estimator = new CharacterTokenEstimator();
        List<ChatMessage> history = historyWithToolCalls();
        for (int budget = 5; budget < 200; budget += 7) {
            List<ChatMessage> window = ProtocolSafeWindow.lastTokens(history, budget, estimator);
            int used = estimator.estimateTokenCountInMessages(ProtocolSafeWindow.withoutSystem(window));
            int system = estimator.estimateTokenCountInMessage(window.getFirst());
            if (window.size() > 1) assertThat(used + system).isLessThanOrEqualTo(budget);
            assertProtocol(window);
        }
    }

    @Test
    void rejectsNonPositiveSizes() {
        assertThatThrownBy(() -> ProtocolSafeWindow.lastMessages(List.of(), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxMessages");
    }

    @Test
    void estimatorCountsChineseCharactersAsTokens() {
        CharacterTokenEstimator e = new CharacterTokenEstimator();
        assertThat(e.estimateTokenCountInText("你好世界")).isEqualTo(4);
        assertThat(e.estimateTokenCountInText("abcdefgh")).isEqualTo(2);
    }

    /** No tool result without its call before it, no call without all its results after it, system only first. */
    static void assertProtocol(List<ChatMessage> window) {
        for (int i = 0; i < window.size(); i++) {
            ChatMessage m = window.get(i);
            if (m instanceof SystemMessage) assertThat(i).as("system message position").isZero();
            if (m instanceof ToolExecutionResultMessage r) {
                boolean hasCall = false;
                for (int j = i - 1; j >= 0; j--) {
                    if (window.get(j) instanceof AiMessage a && a.hasToolExecutionRequests()
                            && a.toolExecutionRequests().stream().anyMatch(t -> t.id().equals(r.id()))) {
                        hasCall = true;
                        break;
                    }
                }
                assertThat(hasCall).as("tool result %s has its call in %s", r.id(), window).isTrue();
            }
            if (m instanceof AiMessage a && a.hasToolExecutionRequests()) {
                for (ToolExecutionRequest req : a.toolExecutionRequests()) {
                    assertThat(window.subList(i + 1, window.size()))
                            .as("call %s has its result", req.id())
                            .anyMatch(x -> x instanceof ToolExecutionResultMessage r && r.id().equals(req.id()));
                }
            }
        }
    }
}
