package dev.catena.llm.compute;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Vector API helpers against plain Java: {@link VectorMathApi#exp} (made of additions, multiplications
 * and fused multiply-adds, so every JIT tier gives the same bits) within 2 ulp of {@link Math#exp}; lane
 * sums in their fixed tree order; softmax terms, SiLU and GELU against the scalar formulas.
 */
class VectorMathTest {

    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;

    @Test
    void expIsWithinTwoUlpOfMathExpOverTheWholeRange() {
        Random rnd = new Random(1);
        float[] x = new float[F.length()];
        float[] e = new float[F.length()];
        double worst = 0;
        for (int i = 0; i < 200_000; i++) {
            for (int l = 0; l < x.length; l++) {
                x[l] = switch (i % 4) {
                    case 0 -> -87f + 175f * rnd.nextFloat();
                    case 1 -> (float) rnd.nextGaussian();
                    case 2 -> (float) rnd.nextGaussian() * 1e-4f;
                    default -> Math.round(-80 + 160 * rnd.nextFloat()) * 0.6931472f;
                };
            }
            VectorMathApi.exp(FloatVector.fromArray(F, x, 0)).intoArray(e, 0);
            for (int l = 0; l < x.length; l++) {
                float expected = (float) Math.exp(x[l]);
                worst = Math.max(worst, Math.abs(e[l] - expected) / Math.ulp(expected));
            }
        }
        assertThat(worst).as("largest error in ulp").isLessThanOrEqualTo(2.0);
        VectorMathApi.exp(FloatVector.broadcast(F, 0f)).intoArray(e, 0);
        assertThat(e[0]).isEqualTo(1f);
        VectorMathApi.exp(FloatVector.broadcast(F, -1000f)).intoArray(e, 0);
        assertThat(e[0]).isBetween(0f, 1e-37f); // clamped: about 0 for a softmax
    }

    @Test
    void lanesAreSummedInAFixedTreeOrder() {
        Random rnd = new Random(2);
        float[] a = new float[F.length()];
        for (int round = 0; round < 1000; round++) {
            for (int l = 0; l < a.length; l++) {
                a[l] = (float) rnd.nextGaussian() * (float) Math.pow(10, rnd.nextInt(8) - 4);
            }
            float[] tree = a.clone();
            for (int w = tree.length / 2; w >= 1; w /= 2) {
                for (int l = 0; l < w; l++) {
                    tree[l] += tree[l + w];
                }
            }
            assertThat(dev.catena.llm.tensor.Lanes.sum(FloatVector.fromArray(F, a, 0))).isEqualTo(tree[0]);
        }
    }

    @Test
    void softmaxTermsSiluAndGeluMatchTheScalarFormulas() {
        Random rnd = new Random(3);
        int n = 5 * F.length() + 3; // whole vectors and a scalar tail
        float[] s = new float[n];
        float[] gate = new float[n];
        float[] up = new float[n];
        for (int i = 0; i < n; i++) {
            s[i] = (float) rnd.nextGaussian() * 8f;
            gate[i] = (float) rnd.nextGaussian() * 4f;
            up[i] = (float) rnd.nextGaussian();
        }
        float max = 30f;
        double expectedSum = 0;
        float[] terms = s.clone();
        for (float v : s) {
            expectedSum += Math.exp(v - max);
        }
        float sum = VectorMath.expMinus(terms, 0, n, max);
        assertThat((double) sum).isCloseTo(expectedSum, org.assertj.core.data.Offset.offset(1e-6 * expectedSum));
        for (int i = 0; i < n; i++) {
            assertThat(terms[i]).isCloseTo((float) Math.exp(s[i] - max), org.assertj.core.data.Percentage.withPercentage(1e-4));
        }
        float[] silu = gate.clone();
        float[] gelu = gate.clone();
        VectorMath.siluTimes(silu, up);
        VectorMath.geluTimes(gelu, up);
        for (int i = 0; i < n; i++) {
            float g = gate[i];
            float expectedSilu = g / (1f + (float) Math.exp(-g)) * up[i];
            float expectedGelu = 0.5f * g * (1f + (float) Math.tanh(0.7978845608028654 * g * (1.0 + 0.044715 * g * g))) * up[i];
            assertThat(silu[i]).as("silu %d", i).isCloseTo(expectedSilu, org.assertj.core.data.Offset.offset(1e-6f * (1 + Math.abs(expectedSilu))));
            assertThat(gelu[i]).as("gelu %d", i).isCloseTo(expectedGelu, org.assertj.core.data.Offset.offset(1e-6f * (1 + Math.abs(expectedGelu))));
        }
    }
}
