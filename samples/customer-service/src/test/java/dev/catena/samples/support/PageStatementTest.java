package dev.catena.samples.support;

import dev.catena.memory.BufferMemory;
import dev.catena.retrievers.onnx.EmbeddingModels;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** Which text a knowledge-base answer shows: the model's verified answer, or the help page's own statement. */
class PageStatementTest {

    /** Routes everything as a question, answers with one true sentence of shipping.md that does not answer, verifies YES. */
    static final class OffTargetModel implements ChatModel {
        @Override
        public ChatResponse doChat(ChatRequest request) {
            String last = request.messages().getLast().toString();
            String text = last.contains("Reply with YES or NO only.") ? "YES"
                    : request.messages().getFirst().toString().contains(IntentRouter.LABEL_LINE) ? "question"
                    : "Standard shipping takes 3 to 5 business days within the EU and costs €4.95.";
            return ChatResponse.builder().aiMessage(AiMessage.from(text)).build();
        }
    }

    @Test
    void aVerifiedModelAnswerIsShownUnlessThePagesStatementIsPreferred(@TempDir Path state) {
        KnowledgeBase kb = KnowledgeBase.standalone(Optional.empty(), state, EmbeddingModels.miniLmQuantized());
        try {
            SupportBot bot = SupportBot.standalone(new OffTargetModel(), BufferMemory.inMemory(), kb, new HandoffDesk(), 32, 500,
                    Duration.ofSeconds(30));
            BotReply model = bot.reply("p1", "Do you deliver to PO boxes?");
            assertThat(model.verified()).isTrue();
            assertThat(model.answer()).as("grounded and verified, so shown").startsWith("Standard shipping takes 3 to 5");

            BotReply page = bot.preferringPageStatement(true).reply("p2", "Do you deliver to PO boxes?");
            assertThat(page.verified()).isTrue();
            assertThat(page.handedOff()).isFalse();
            assertThat(page.answer()).isEqualTo("We do not ship to PO boxes.");
            assertThat(page.sources()).anyMatch(s -> s.file().equals("shipping.md"));
        } finally {
            kb.close();
        }
    }
}
