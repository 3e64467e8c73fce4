package dev.catena.samples.support;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Taking the statement that answers a question from the passages, word for word. */
class AnswerExtractionTest {

    private static final Source SHIPPING = new Source("shipping.md", "Shipping", """
            # Shipping

            Brightway ships every order from our warehouse in Rotterdam.

            - **Standard shipping** takes 3 to 5 business days within the EU and costs €4.95. It is free for orders over €50.
            - **Express shipping** takes 1 to 2 business days and costs €12.95.
            - We do not ship to PO boxes.

            When your parcel leaves the warehouse you receive an e-mail with a tracking number. Our carrier is PostNL.""");

    private static final Source RETURNS_ZH = new Source("zh-returns.md", "退货与退款", """
            # 退货与退款

            自收货之日起 **30 天** 内，您可以无理由退货并获得全额退款。

            1. 在您的账户中打开订单，选择"退货"。
            2. 打印预付退货标签。欧盟境内退货免费。

            退货到达我们的仓库后，退款将在 5 个工作日内退回到原支付方式。""");

    @Test
    void passagesAreCutIntoSentencesBulletsAndWholeNumberedLists() {
        assertThat(AnswerExtraction.units(SHIPPING.text())).containsExactly(
                "Brightway ships every order from our warehouse in Rotterdam.",
                "Standard shipping takes 3 to 5 business days within the EU and costs €4.95. It is free for orders over €50.",
                "Express shipping takes 1 to 2 business days and costs €12.95.",
                "We do not ship to PO boxes.",
                "When your parcel leaves the warehouse you receive an e-mail with a tracking number.",
                "Our carrier is PostNL.");
        assertThat(AnswerExtraction.units(RETURNS_ZH.text())).containsExactly(
                "自收货之日起 30 天 内，您可以无理由退货并获得全额退款。",
                "在您的账户中打开订单，选择\"退货\"。 打印预付退货标签。欧盟境内退货免费。",
                "退货到达我们的仓库后，退款将在 5 个工作日内退回到原支付方式。");
    }

    @Test
    void theStatementSharingTheQuestionsRarestTermsWins() {
        assertThat(AnswerExtraction.best("How much does express shipping cost?", "", List.of(SHIPPING), AnswerExtraction.DEFAULT_MIN_SHARE))
                .get().extracting(AnswerExtraction.Extract::text).isEqualTo("Express shipping takes 1 to 2 business days and costs €12.95.");
        assertThat(AnswerExtraction.best("Do you deliver to PO boxes?", "", List.of(SHIPPING), AnswerExtraction.DEFAULT_MIN_SHARE))
                .get().extracting(AnswerExtraction.Extract::text).isEqualTo("We do not ship to PO boxes.");
        assertThat(AnswerExtraction.best("退款多久能到账？", "", List.of(RETURNS_ZH), AnswerExtraction.DEFAULT_MIN_SHARE))
                .get().extracting(AnswerExtraction.Extract::text).asString().contains("5 个工作日");
    }

    @Test
    void theModelsAnswerBreaksATieBetweenStatements() {
        String question = "How long does shipping take?";
        assertThat(AnswerExtraction.best(question, "It takes 1 to 2 days.", List.of(SHIPPING), 0.2))
                .get().extracting(AnswerExtraction.Extract::text).asString().startsWith("Express shipping");
        assertThat(AnswerExtraction.best(question, "It takes 3 to 5 days.", List.of(SHIPPING), 0.2))
                .get().extracting(AnswerExtraction.Extract::text).asString().startsWith("Standard shipping");
    }

    @Test
    void aQuestionThePassagesDoNotAddressGetsNothing() {
        assertThat(AnswerExtraction.best("What is the warranty on the moon lamp?", "", List.of(SHIPPING), AnswerExtraction.DEFAULT_MIN_SHARE))
                .isEmpty();
        assertThat(AnswerExtraction.best("Do you ship the moon lamp to Mars?", "", List.of(SHIPPING), AnswerExtraction.DEFAULT_MIN_SHARE))
                .as("one common term of three is not enough").isEmpty();
        assertThat(AnswerExtraction.best("Is the moon lamp on sale in Rotterdam?", "", List.of(SHIPPING), 0.1))
                .as("one shared term of several, however rare").isEmpty();
        assertThat(AnswerExtraction.best("?", "", List.of(SHIPPING), 0.1)).isEmpty();
        assertThat(AnswerExtraction.best("How much is express shipping?", "", List.of(), 0.1)).isEmpty();
    }
}
