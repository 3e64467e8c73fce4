package dev.catena.samples.support;

import dev.catena.llm.chat.LocalChatModel;
import dev.catena.llm.compute.kernel.KernelCompute;
import dev.catena.llm.model.Model;
import dev.catena.llm.template.ChatTemplates;
import dev.catena.memory.BufferMemory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bot's pipeline once on the real Gemma 3 270M base model (pulled by {@code .ci/setup.d/10-gemma.sh}),
 * with a few answer tokens: whatever the tiny model says, the outcome must be well formed, either a
 * verified answer or a hand-off with a ticket, with the knowledge-base sources, and no exception.
 * Skipped when the file is absent, except on CI (env {@code CI} set), where that is a failure.
 */
class RealModelSupportBotTest {


    private static Model model;

    @BeforeAll
    static void load() {
        model = Model.load(dev.catena.testing.ExternalInputs.gemma(), KernelCompute.preferred(Math.min(2, Runtime.getRuntime().availableProcessors())));
    }

    @AfterAll
    static void close() {
        if (model != null) model.close();
    }

    @Test
    void aQuestionGetsAnAnswerOrAHandOffWithSources(@org.junit.jupiter.api.io.TempDir Path state) {
        LocalChatModel chat = LocalChatModel.builder().model(model).contextLength(1024)
                .template(ChatTemplates.builtin("transcript", model.tokenizer())).build();
        HandoffDesk desk = new HandoffDesk();
        // Its own state folder: the default one in the temp directory may be locked by a bot running on the machine.
        KnowledgeBase kb = KnowledgeBase.standalone(java.util.Optional.empty(), state,
                dev.catena.retrievers.onnx.EmbeddingModels.miniLmQuantized());
        try {
            SupportBot bot = SupportBot.standalone(chat, PromptStyle.TRANSCRIPT, BufferMemory.inMemory(), kb, desk, 12, 240,
                    Duration.ofMinutes(3), false);
            StringBuilder streamed = new StringBuilder();
            BotReply reply = bot.reply("real-1", "How long does standard shipping take?", streamed::append);

            assertThat(reply.intent()).as("routing").isIn(Intent.QUESTION, Intent.COMPLAINT, Intent.CHITCHAT);
            assertThat(reply.answer()).isNotBlank();
            if (reply.intent() == Intent.QUESTION) {
                assertThat(reply.sources()).as("a knowledge-base answer names its sources").isNotEmpty()
                        .anyMatch(s -> s.file().equals("shipping.md"));
                if (reply.handedOff()) {
                    assertThat(reply.verified()).isFalse();
                    assertThat(desk.open()).anyMatch(h -> h.ticket().equals(reply.handoffTicket()));
                    assertThat(reply.answer()).contains(reply.handoffTicket());
                } else {
                    assertThat(reply.verified()).isTrue();
                    assertThat(Grounding.score(reply.answer(), reply.sources())).isGreaterThanOrEqualTo(0.35);
                }
            }
            assertThat(streamed).as("text was streamed").isNotEmpty();
        } finally {
            kb.close();
        }
    }
}
