package dev.catena.samples.support;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The checks that stand in for a small model's judgement: lexical grounding and parsing the model's intent. */
class GroundingAndRoutingTest {

    private static final List<Source> SHIPPING = List.of(new Source("shipping.md", "Shipping",
            "Standard shipping takes 3 to 5 business days within the EU and costs €4.95."));

    @Test
    void anAnswerMadeOfThePassagesTermsIsGrounded() {
        assertThat(Grounding.score("3 to 5 business days.", SHIPPING)).isEqualTo(1.0);
        assertThat(Grounding.score("Standard shipping costs €4.95.", SHIPPING)).isEqualTo(1.0);
    }

    @Test
    void anAnswerWithItsOwnFactsIsNot() {
        assertThat(Grounding.score("The moon is made of cheese.", SHIPPING)).isZero();
        // 2 of 5 terms (takes, days) are shared: below the 0.6 needed without the model's YES, so it is
        // handed off; with a YES (threshold 0.35) it would pass: the lexical check is coarse by design.
        assertThat(Grounding.score("Delivery takes 10 days by drone.", SHIPPING)).isEqualTo(0.4);
        assertThat(Grounding.score("", SHIPPING)).isZero();
        assertThat(Grounding.score("?!", SHIPPING)).as("no content terms").isZero();
    }

    @Test
    void everyFigureOfAnAnswerMustBeInThePassages() {
        assertThat(Grounding.numbersFound("Standard shipping takes 3 to 5 business days and costs €4.95.", SHIPPING)).isTrue();
        assertThat(Grounding.numbersFound("It is free.", SHIPPING)).as("no figure").isTrue();
        assertThat(Grounding.numbersFound("Standard shipping costs $1.00 for every 100 pounds.", SHIPPING)).isFalse();
        assertThat(Grounding.numbersFound("Standard shipping takes 3 to 7 business days.", SHIPPING)).isFalse();
    }

    @Test
    void chineseIsComparedCharacterByCharacter() {
        List<Source> zh = List.of(new Source("zh-returns.md", "退货", "自收货之日起 30 天内，您可以无理由退货。"));
        assertThat(Grounding.score("30 天内可以退货", zh)).isEqualTo(1.0);
        assertThat(Grounding.score("我不知道", zh)).isLessThan(0.5);
    }

    @Test
    void onlyAReplyThatNamesAnIntentRoutes() {
        assertThat(IntentRouter.parse("question")).contains(Intent.QUESTION);
        assertThat(IntentRouter.parse(" Complaint.")).contains(Intent.COMPLAINT);
        assertThat(IntentRouter.parse("chitchat\nUser: more")).contains(Intent.CHITCHAT);
        assertThat(IntentRouter.parse("Message: I'm sorry")).isEmpty();
        assertThat(IntentRouter.parse(" order")).contains(Intent.ORDER);
        assertThat(IntentRouter.parse("human")).contains(Intent.HUMAN);
        assertThat(IntentRouter.parse("questions")).as("a label, not a word that starts like one").isEmpty();
        assertThat(IntentRouter.parse("")).isEmpty();
        assertThat(IntentRouter.parse(null)).isEmpty();
    }

    @Test
    void theRoutingRequestShowsWorkedExamplesOfEveryLabelAsEarlierTurns() {
        for (PromptStyle style : PromptStyle.values()) {
            var messages = IntentRouter.messages(style, "Where is my refund?");
            assertThat(messages.getFirst()).isEqualTo(dev.langchain4j.data.message.SystemMessage.from(style.routeSystem()));
            assertThat(style.routeSystem()).endsWith(IntentRouter.LABEL_LINE);
            assertThat(messages.getLast()).isEqualTo(dev.langchain4j.data.message.UserMessage.from("Where is my refund?"));
            assertThat(messages.stream().filter(m -> m instanceof dev.langchain4j.data.message.AiMessage)
                    .map(m -> ((dev.langchain4j.data.message.AiMessage) m).text()).distinct())
                    .containsExactlyInAnyOrder("question", "complaint", "order", "chitchat", "human");
            assertThat(messages.get(messages.size() - 2)).as("the last worked example is a question")
                    .isEqualTo(dev.langchain4j.data.message.AiMessage.from("question"));
        }
    }

    @Test
    void thePromptStyleFollowsTheChatTemplate() {
        assertThat(PromptStyle.forChatTemplate("transcript")).isEqualTo(PromptStyle.TRANSCRIPT);
        assertThat(PromptStyle.forChatTemplate(" Transcript ")).isEqualTo(PromptStyle.TRANSCRIPT);
        assertThat(PromptStyle.forChatTemplate("")).isEqualTo(PromptStyle.CHAT);
        assertThat(PromptStyle.forChatTemplate("chatml")).isEqualTo(PromptStyle.CHAT);
        assertThat(PromptStyle.parse("chat")).isEqualTo(PromptStyle.CHAT);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PromptStyle.parse("gemma"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("support.prompt-style").hasMessageContaining("'gemma'");
        for (PromptStyle style : PromptStyle.values()) {
            assertThat(style.answerSystem()).contains("<context>\n{context}\n</context>");
        }
    }
}
