package dev.catena.retrievers.lucene.analysis;

import dev.catena.retrievers.lucene.Bm25Index;
import dev.catena.retrievers.lucene.LuceneEmbeddingStore;
import dev.catena.retrievers.lucene.analysis.ScriptAnalyzers.Script;
import dev.catena.retrievers.store.KeywordSearch;
import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.junit.jupiter.api.Test;

import static dev.langchain4j.store.embedding.filter.MetadataFilterBuilder.metadataKey;
import static org.assertj.core.api.Assertions.assertThat;

/** BM25 over Chinese and English text with Lucene's analyzers, in the in-memory index and the Lucene store. */
class MultilingualBm25Test {

    /** Passages of a shop's help pages, in Chinese and English. */
    static final Map<String, String> PAGES = new LinkedHashMap<>();

    static {
        PAGES.put("zh-returns", "退货与退款：自收货之日起 30 天内，您可以无理由退货并获得全额退款。在您的账户中打开订单，选择退货，"
                + "打印预付退货标签。退货到达我们的仓库后，退款将在 5 个工作日内退回到原支付方式。");
        PAGES.put("zh-shipping", "配送与运费：标准配送需要 3 到 5 个工作日，订单满 50 欧元免运费。加急配送次日送达，运费 12.95 欧元。"
                + "所有包裹都提供跟踪号码，发货后会通过电子邮件发送给您。");
        PAGES.put("zh-invoice", "发票：每笔订单发货后，我们会通过电子邮件发送电子发票。如需增值税发票，请在结账时填写公司名称和税号。"
                + "您也可以在账户的订单历史中下载发票。");
        PAGES.put("zh-warranty", "保修：所有产品享有两年保修，智能灯泡 Smart Bulb 享有三年保修。保修不包括人为损坏和进水。"
                + "申请保修时请提供订单号和故障照片。");
        PAGES.put("en-returns", "Returns and refunds: you can return any item within 30 days of delivery for a full refund. "
                + "Open the order in your account, choose Return and print the prepaid label. Refunds are paid within 5 business days.");
        PAGES.put("en-shipping", "Shipping: standard shipping takes 3 to 5 business days and is free on orders over 50 euros. "
                + "Express shipping arrives the next day and costs 12.95 euros. Every parcel is tracked.");
        PAGES.put("en-warranty", "Warranty: every product carries a two-year warranty; the Smart Bulb is covered for three years. "
                + "Water damage and misuse are not covered. Claims need the order number and a photo of the fault.");
        PAGES.put("en-privacy", "Privacy: we store your address and orders to deliver them and never sell personal data. "
                + "You can download or delete your data from the account page.");
    }

    static final Map<String, String> QUESTIONS = new LinkedHashMap<>();

    static {
        QUESTIONS.put("退货有多少天？", "zh-returns");
        QUESTIONS.put("退款多久到账", "zh-returns");
        QUESTIONS.put("加急配送的运费是多少？", "zh-shipping");
        QUESTIONS.put("怎么开增值税发票", "zh-invoice");
        QUESTIONS.put("智能灯泡保修几年", "zh-warranty");
        QUESTIONS.put("How many days do I have to return an item?", "en-returns");
        QUESTIONS.put("refunding a returned order", "en-returns");
        QUESTIONS.put("How much does express shipping cost?", "en-shipping");
        QUESTIONS.put("Is water damage covered by the warranty?", "en-warranty");
        QUESTIONS.put("Do you sell my personal data?", "en-privacy");
    }

    @Test
    void detectsTheScriptOfATextByItsLetters() {
        assertThat(ScriptAnalyzers.detect("How long does shipping take?")).isEqualTo(Script.OTHER);
        assertThat(ScriptAnalyzers.detect("退货有多少天？")).isEqualTo(Script.CHINESE);
        assertThat(ScriptAnalyzers.detect("Smart Bulb 的保修期是多久")).isEqualTo(Script.CHINESE);
        assertThat(ScriptAnalyzers.detect("返品は何日以内ですか")).isEqualTo(Script.JAPANESE_KOREAN);
        assertThat(ScriptAnalyzers.detect("반품은 며칠 이내에 가능합니까")).isEqualTo(Script.JAPANESE_KOREAN);
        assertThat(ScriptAnalyzers.detect("The word 退 appears once in this long English sentence about returns")).isEqualTo(Script.OTHER);
        assertThat(ScriptAnalyzers.detect("")).isEqualTo(Script.OTHER);
    }

    @Test
    void chineseIsSegmentedIntoWordsAndEnglishIsStemmed() throws IOException {
        assertThat(tokens("退货与退款，自收货之日起 30 天内")).contains("退货", "退款", "30", "天").doesNotContain("退", "款");
        assertThat(tokens("Returns were refunded within days")).containsExactly("return", "were", "refund", "within", "dai");
        assertThat(tokens("Smart Bulb 的保修期")).containsExactly("smart", "bulb", "的", "保修期", "保修", "修期");
    }

    @Test
    void aWordSegmentedDifferentlyInQuestionAndPageStillMatches() {
        // smartcn makes one word of 保修期 in the question but finds 保修 in the page: the bigrams meet.
        Bm25Index index = new Bm25Index();
        PAGES.forEach((id, text) -> index.add(id, TextSegment.from(text)));
        assertThat(ids(index.keywordSearch("保修期是多久？", 3, null))).first().isEqualTo("zh-warranty");
    }

    @Test
    void bm25IndexRanksTheAnsweringPageFirstInBothLanguages() {
        Bm25Index index = new Bm25Index();
        PAGES.forEach((id, text) -> index.add(id, TextSegment.from(text, Metadata.from("lang", id.substring(0, 2)))));
        assertFirstHits(index);
        assertThat(index.keywordSearch("保修", 5, metadataKey("lang").isEqualTo("en"))).isEmpty();
        assertThat(ids(index.keywordSearch("warranty Smart Bulb", 5, metadataKey("lang").isEqualTo("zh")))).containsExactly("zh-warranty");
    }

    @Test
    void luceneStoreRanksTheAnsweringPageFirstInBothLanguages() {
        try (LuceneEmbeddingStore store = LuceneEmbeddingStore.builder().inMemory().dimension(2).build()) {
            List<String> ids = new ArrayList<>(PAGES.keySet());
            List<Embedding> vectors = ids.stream().map(id -> Embedding.from(new float[] {1, 0})).toList();
            store.addAll(ids, vectors, ids.stream().map(id -> TextSegment.from(PAGES.get(id))).toList());
            assertFirstHits(store);
        }
    }

    private static void assertFirstHits(KeywordSearch search) {
        QUESTIONS.forEach((question, page) -> assertThat(ids(search.keywordSearch(question, 3, null)))
                .as("top hits for %s", question).first().isEqualTo(page));
    }

    private static List<String> ids(List<EmbeddingMatch<TextSegment>> matches) {
        return matches.stream().map(EmbeddingMatch::embeddingId).toList();
    }

    private static List<String> tokens(String text) throws IOException {
        Analyzer analyzer = ScriptAnalyzers.forText(text);
        List<String> out = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream("text", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                out.add(term.toString());
            }
            stream.end();
        }
        return out;
    }
}
