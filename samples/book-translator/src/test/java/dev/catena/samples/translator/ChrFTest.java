package dev.catena.samples.translator;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** chrF against values computed by sacreBLEU 2.x ({@code CHRF().sentence_score(hyp, [ref]).score}). */
class ChrFTest {
    @Test
    void matchesSacreBleu() {
        assertThat(ChrF.score("The cat sat on the mat.", "The cat is sitting on the mat.")).isCloseTo(49.6485170311433, within(1e-9));
        assertThat(ChrF.score("玛拉·文在哈罗角看守灯塔已经十一年了。", "玛拉·文在哈罗角守灯塔十一年了。")).isCloseTo(60.87595134053188, within(1e-9));
        assertThat(ChrF.score("abc", "xyz")).isZero();
        assertThat(ChrF.score("Hello world", "Hello world")).isEqualTo(100.0);
        assertThat(ChrF.score("", "x")).isZero();
    }
}
