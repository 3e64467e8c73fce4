package dev.catena.samples.support;

import dev.catena.core.model.ConstrainedGeneration;
import dev.catena.core.model.OutputConstraint;
import dev.catena.memory.BufferMemory;
import dev.catena.retrievers.onnx.EmbeddingModels;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code support.route-constrained} (the default) a model that can constrain its decoding routes under the
 * label grammar; without it its free reply is parsed as before.
 */
class ConstrainedRoutingTest {

    /** Replies freely with a sentence; under a constraint with the label it was given. */
    static final class LabelModel implements ChatModel, ConstrainedGeneration {
        final List<OutputConstraint> constraints = new ArrayList<>();
        final String label;

        LabelModel(String label) {
            this.label = label;
        }

        @Override
        public ChatResponse doChat(ChatRequest request) {
            return ChatResponse.builder().aiMessage(AiMessage.from("Sure, I can help with your order today.")).build();
        }

        @Override
        public ChatModel constrainedTo(OutputConstraint constraint) {
            constraints.add(constraint);
            return new ChatModel() {
                @Override
                public ChatResponse doChat(ChatRequest request) {
                    return ChatResponse.builder().aiMessage(AiMessage.from(label)).build();
                }
            };
        }
    }

    /** Runs {@code check} on a bot over the bundled knowledge base with {@code model} in every role. */
    private static void withBot(Path state, ChatModel model, boolean routeConstrained, java.util.function.Consumer<SupportBot> check) {
        KnowledgeBase kb = KnowledgeBase.standalone(Optional.empty(), state, EmbeddingModels.miniLmQuantized());
        try {
            check.accept(SupportBot.standalone(model, BufferMemory.inMemory(), kb, new HandoffDesk(), 16, 200, Duration.ofSeconds(30),
                    routeConstrained));
        } finally {
            kb.close();
        }
    }

    @Test
    void routingUsesTheConstrainedViewWithTheFiveLabels(@TempDir Path state) {
        LabelModel model = new LabelModel("chitchat");
        withBot(state, model, true, bot -> {
            BotReply reply = bot.reply("c1", "What colour options does the desk lamp come in?");
            assertThat(model.constraints).containsExactly(IntentRouter.LABELS);
            assertThat(IntentRouter.LABELS.grammar()).contains("\"question\"").contains("\"complaint\"").contains("\"chitchat\"")
                    .contains("\"order\"").contains("\"human\"");
            assertThat(reply.intent()).as("the free reply would have made it a question").isEqualTo(Intent.CHITCHAT);
        });
    }

    @Test
    void theModelsOrderLabelWithoutAnOrderNumberIsAnsweredAsAQuestion(@TempDir Path state) {
        withBot(state, new LabelModel(" order"), true, bot -> {
            assertThat(bot.route("Where do I find the number of my purchase?").intent()).isEqualTo(Intent.QUESTION);
            assertThat(bot.route("Where is BW-100001?")).isEqualTo(new IntentRouter.Routed(Intent.ORDER, IntentRouter.Decision.RULE));
        });
    }

    @Test
    void aChineseMessageIsRoutedByTheModelNotByEnglishExampleSentences(@TempDir Path state) {
        withBot(state, new LabelModel("question"), true, bot -> {
            // MiniLM found these close to the greetings "你好" and "谢谢" when the examples were compared for every script.
            assertThat(bot.route("退货需要付运费吗？")).isEqualTo(new IntentRouter.Routed(Intent.QUESTION, IntentRouter.Decision.MODEL));
            assertThat(bot.route("快速配送的运费是多少？")).isEqualTo(new IntentRouter.Routed(Intent.QUESTION, IntentRouter.Decision.MODEL));
            assertThat(bot.route("hello there")).isEqualTo(new IntentRouter.Routed(Intent.CHITCHAT, IntentRouter.Decision.EXAMPLES));
        });
    }

    @Test
    void theLabelGrammarCompilesForTheLocalRuntime() {
        org.assertj.core.api.Assertions.assertThatCode(() -> dev.catena.llm.constraint.grammar.Gbnf.parse(IntentRouter.LABELS.grammar()))
                .doesNotThrowAnyException();
    }

    @Test
    void withoutTheConstraintTheFreeReplyIsParsed(@TempDir Path state) {
        LabelModel model = new LabelModel("chitchat");
        withBot(state, model, false, bot -> {
            BotReply reply = bot.reply("c2", "What colour options does the desk lamp come in?");
            assertThat(model.constraints).isEmpty();
            assertThat(reply.intent()).isEqualTo(Intent.QUESTION);
        });
    }
}
