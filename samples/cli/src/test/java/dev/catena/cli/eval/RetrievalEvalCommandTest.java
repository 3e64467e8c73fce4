package dev.catena.cli.eval;

import dev.catena.cli.CommandTest;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code catena eval retrieval} on a small folder in two languages, with the real MiniLM model. */
class RetrievalEvalCommandTest extends CommandTest {

    @TempDir
    Path dir;

    private Path folder() throws Exception {
        Path kb = Files.createDirectories(dir.resolve("kb"));
        Files.writeString(kb.resolve("shipping.md"), "# Shipping\n\nStandard shipping takes 3 to 5 business days. Express costs 12.95.\n");
        Files.writeString(kb.resolve("returns.md"), "# Returns\n\nYou can return any item within 30 days for a full refund.\n");
        Files.writeString(kb.resolve("zh-warranty.md"), "# 保修\n\n所有产品提供两年保修，智能灯泡保修五年。\n", StandardCharsets.UTF_8);
        return kb;
    }

    @Test
    void scoresEachRetrieverPerLanguageAndWritesReports() throws Exception {
        Path kb = folder();
        Path questions = dir.resolve("q.tsv");
        Files.writeString(questions, "How many days does standard shipping take?\tshipping.md\n"
                + "Can I return an item for a refund?\treturns.md\n"
                + "保修期是多久？\tzh-warranty.md\n", StandardCharsets.UTF_8);
        int code = run("eval", "retrieval", "--folder", kb.toString(), "--dataset", questions.toString(),
                "--retriever", "bm25,hybrid", "--k", "1", "--report", dir.resolve("reports").toString());
        assertThat(code).as(console.err()).isZero();
        assertThat(console.out()).contains("| retriever | group | queries | hit@1 | hit@1 | MRR | nDCG@1 | p50 ms |")
                .contains("| bm25 | en | 2 | 1.00 | 1.00 | 1.000 | 1.000 |")
                .contains("| bm25 | zh | 1 | 1.00 | 1.00 | 1.000 | 1.000 |")
                .contains("| hybrid minilm-q | en | 2 |");
        assertThat(dir.resolve("reports/bm25.json")).content().contains("\"expected\" : \"zh-warranty.md\"");
        assertThat(dir.resolve("reports/hybrid-minilm-q.json")).exists();
    }

    @Test
    void badInputIsOneLineAndExitCodeTwo() throws Exception {
        Path kb = folder();
        Path questions = dir.resolve("q.tsv");
        Files.writeString(questions, "How long?\tshipping.md\n");
        assertThat(run("eval", "retrieval", "--folder", kb.toString(), "--dataset", questions.toString(), "--retriever", "bm99"))
                .isEqualTo(2);
        assertThat(console.err().lines()).hasSize(1);
        assertThat(console.err()).startsWith("catena: ").contains("bm99");

        assertThat(run("eval", "retrieval", "--folder", kb.toString(), "--dataset", dir.resolve("none.tsv").toString())).isEqualTo(2);
        assertThat(console.err()).startsWith("catena: ").contains("none.tsv").doesNotContain("\tat ");

        assertThat(run("eval", "retrieval", "--folder", dir.resolve("missing").toString(), "--dataset", questions.toString(),
                "--retriever", "bm25")).isEqualTo(2);
        assertThat(console.err()).startsWith("catena: ").contains("missing").contains("does not exist");

        Files.writeString(questions, "a query without its file\n");
        assertThat(run("eval", "retrieval", "--folder", kb.toString(), "--dataset", questions.toString())).isEqualTo(2);
        assertThat(console.err()).contains("q.tsv:1");
    }
}
