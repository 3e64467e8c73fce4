package dev.catena.llm.tools;

import dev.catena.llm.tensor.GgmlType;
import java.nio.ByteBuffer;

/**
 * Quantizes super-blocks of 256 floats to Q4_K, Q5_K and Q6_K, following the reference quantizers of
 * llama.cpp ({@code quantize_row_q4_K_ref} and its siblings, which {@code llama-quantize} uses when no
 * importance matrix is given): float32 arithmetic in the same order, ties-to-even rounding, so the bytes
 * match llama.cpp's for ordinary input.
 *
 * <p>Q4_K and Q5_K fit each sub-block of 32 as {@code x ≈ scale·q − min} by a weighted least-squares search
 * over a range of candidate scales (weights {@code rms(sub-block) + |x|}), then store the eight scales and
 * minimums in 6 bits relative to F16 super-block factors and requantize against the stored values. Q6_K
 * fits each sub-block of 16 symmetrically ({@code x ≈ scale·q}, q in −32..31, weights {@code x²}) and stores
 * the sixteen scales as signed bytes relative to an F16 super-block factor.
 *
 * <p>Not thread-safe: each thread uses its own instance (the scratch arrays are reused between blocks).
 */
final class KQuantizer {

    static final int QK = 256;

    /** Below this largest sub-block scale a Q6_K super-block is stored as zeros. */
    private static final float GROUP_MAX_EPS = 1e-15f;

    private final float[] weights = new float[32];
    private final float[] scales = new float[16];
    private final float[] mins = new float[8];
    private final int[] levels = new int[QK];
    private final int[] trial = new int[32];
    private final int[] packedScale = new int[8];
    private final int[] packedMin = new int[8];

    /** Q4_K (bits 4) or Q5_K (bits 5): 144 or 176 bytes for the 256 values at {@code from}. */
    void asymmetric(float[] x, int from, int bits, ByteBuffer out) {
        int nmax = (1 << bits) - 1;
        float maxScale = 0f;
        float maxMin = 0f;
        for (int j = 0; j < 8; j++) {
            int o = from + 32 * j;
            float sumX2 = 0f;
            for (int l = 0; l < 32; l++) {
                sumX2 += x[o + l] * x[o + l];
            }
            float avX = (float) Math.sqrt(sumX2 / 32);
            for (int l = 0; l < 32; l++) {
                weights[l] = avX + Math.abs(x[o + l]);
            }
            scales[j] = bits == 4
                    ? fitWithMinimum(x, o, nmax, 32 * j, j, -1f, 0.1f, 20)
                    : fitWithMinimum(x, o, nmax, 32 * j, j, -0.5f, 0.1f, 15);
            if (scales[j] > maxScale) {
                maxScale = scales[j];
            }
            if (mins[j] > maxMin) {
                maxMin = mins[j];
            }
        }
        float invScale = maxScale > 0 ? 63f / maxScale : 0f;
        float invMin = maxMin > 0 ? 63f / maxMin : 0f;
        for (int j = 0; j < 8; j++) {
            // llama.cpp narrows to uint8_t before clamping; a (degenerate) negative value wraps the same way
            packedScale[j] = Math.min(63, nearestInt(invScale * scales[j]) & 0xFF);
            packedMin[j] = Math.min(63, nearestInt(invMin * mins[j]) & 0xFF);
        }
        short dBits = Float.floatToFloat16(maxScale / 63f);
        short dminBits = Float.floatToFloat16(maxMin / 63f);
        float d = Float.float16ToFloat(dBits);
        float dmin = Float.float16ToFloat(dminBits);
        for (int j = 0; j < 8; j++) {
            float ds = d * packedScale[j];
            if (ds == 0f) {
                continue; // keeps the levels of the fit, as the reference does
            }
            float dm = dmin * packedMin[j];
            for (int l = 0; l < 32; l++) {
                levels[32 * j + l] = clamp(nearestInt((x[from + 32 * j + l] + dm) / ds), 0, nmax);
            }
        }
        out.putShort(dBits);
        out.putShort(dminBits);
        putScalesAndMins(out);
        if (bits == 5) {
            // bit 4 of element 64c + l is bit 2c of qh[l], of element 64c + 32 + l bit 2c + 1
            for (int l = 0; l < 32; l++) {
                int qh = 0;
                for (int c = 0; c < 4; c++) {
                    qh |= (levels[64 * c + l] >>> 4) << (2 * c);
                    qh |= (levels[64 * c + 32 + l] >>> 4) << (2 * c + 1);
                }
                out.put((byte) qh);
            }
        }
        for (int c = 0; c < 4; c++) {
            for (int l = 0; l < 32; l++) {
                out.put((byte) ((levels[64 * c + l] & 0x0F) | ((levels[64 * c + 32 + l] & 0x0F) << 4)));
            }
        }
    }

    /** The 12 bytes of eight 6-bit scales and minimums, in the layout {@link KQuants} reads. */
    private void putScalesAndMins(ByteBuffer out) {
        for (int b = 0; b < 4; b++) {
            out.put((byte) (packedScale[b] | ((packedScale[b + 4] >>> 4) << 6)));
        }
        for (int b = 0; b < 4; b++) {
            out.put((byte) (packedMin[b] | ((packedMin[b + 4] >>> 4) << 6)));
        }
        for (int b = 4; b < 8; b++) {
            out.put((byte) ((packedScale[b] & 0x0F) | ((packedMin[b] & 0x0F) << 4)));
        }
    }

    /**
     * Weighted least-squares fit of the 32 values at {@code o} as {@code scale·q + m} (q in 0..nmax, m ≤ 0),
     * trying the scales {@code (nmax + rmin + rdelta·i) / range} for i in 0..steps and keeping the one with
     * the smallest weighted squared error. Leaves q in {@code levels[lo..lo+32)}, −m in {@code mins[slot]}
     * and returns the scale.
     */
    private float fitWithMinimum(float[] x, int o, int nmax, int lo, int slot, float rmin, float rdelta, int steps) {
        float min = x[o];
        float max = x[o];
        float sumW = weights[0];
        float sumX = sumW * x[o];
        for (int i = 1; i < 32; i++) {
            float v = x[o + i];
            if (v < min) {
                min = v;
            }
            if (v > max) {
                max = v;
            }
            float w = weights[i];
            sumW += w;
            sumX += w * v;
        }
        if (min > 0) {
            min = 0;
        }
        if (max == min) {
            for (int i = 0; i < 32; i++) {
                levels[lo + i] = 0;
            }
            mins[slot] = -min;
            return 0f;
        }
        float iscale = nmax / (max - min);
        float scale = 1 / iscale;
        float bestError = 0f;
        for (int i = 0; i < 32; i++) {
            int l = clamp(nearestInt(iscale * (x[o + i] - min)), 0, nmax);
            levels[lo + i] = l;
            float diff = scale * l + min - x[o + i];
            bestError += weights[i] * (diff * diff);
        }
        for (int step = 0; step <= steps; step++) {
            // min may have moved to a better fit's offset: later candidates are measured from it
            iscale = (rmin + rdelta * step + nmax) / (max - min);
            float sumL = 0f;
            float sumL2 = 0f;
            float sumXL = 0f;
            for (int i = 0; i < 32; i++) {
                int l = clamp(nearestInt(iscale * (x[o + i] - min)), 0, nmax);
                trial[i] = l;
                float w = weights[i];
                sumL += w * l;
                sumL2 += w * l * l;
                sumXL += w * l * x[o + i];
            }
            float det = sumW * sumL2 - sumL * sumL;
            if (det > 0) {
                float thisScale = (sumW * sumXL - sumX * sumL) / det;
                float thisMin = (sumL2 * sumX - sumL * sumXL) / det;
                if (thisMin > 0) {
                    thisMin = 0;
                    thisScale = sumXL / sumL2;
                }
                float error = 0f;
                for (int i = 0; i < 32; i++) {
                    float diff = thisScale * trial[i] + thisMin - x[o + i];
                    error += weights[i] * (diff * diff);
                }
                if (error < bestError) {
                    System.arraycopy(trial, 0, levels, lo, 32);
                    bestError = error;
                    scale = thisScale;
                    min = thisMin;
                }
            }
        }
        mins[slot] = -min;
        return scale;
    }

    /** Q6_K: 210 bytes for the 256 values at {@code from}. */
    void q6K(float[] x, int from, ByteBuffer out) {
        float maxScale = 0f;
        float maxAbsScale = 0f;
        for (int b = 0; b < 16; b++) {
            float scale = fitSymmetric(x, from + 16 * b, 16 * b);
            scales[b] = scale;
            float abs = Math.abs(scale);
            if (abs > maxAbsScale) {
                maxAbsScale = abs;
                maxScale = scale;
            }
        }
        if (maxAbsScale < GROUP_MAX_EPS) {
            out.put(new byte[GgmlType.Q6_K.bytesPerBlock()]);
            return;
        }
        float iscale = -128f / maxScale;
        short dBits = Float.floatToFloat16(1 / iscale);
        float d = Float.float16ToFloat(dBits);
        byte[] sc = new byte[16];
        for (int b = 0; b < 16; b++) {
            sc[b] = (byte) Math.min(127, nearestInt(iscale * scales[b]));
            float ds = d * sc[b];
            if (ds == 0f) {
                continue; // keeps the levels of the fit, as the reference does
            }
            for (int l = 0; l < 16; l++) {
                levels[16 * b + l] = clamp(nearestInt(x[from + 16 * b + l] / ds), -32, 31) + 32;
            }
        }
        // ql: low nibbles, element h*128 + 32k + l in byte h*64 + (k&1)*32 + l, high half when k >= 2;
        // qh: the top two bits of the four elements h*128 + 32k + l in byte 128 + h*32 + l, k-th pair
        for (int h = 0; h < 2; h++) {
            for (int k = 0; k < 2; k++) {
                for (int l = 0; l < 32; l++) {
                    int e = 128 * h + 32 * k + l;
                    out.put((byte) ((levels[e] & 0x0F) | ((levels[e + 64] & 0x0F) << 4)));
                }
            }
        }
        for (int h = 0; h < 2; h++) {
            for (int l = 0; l < 32; l++) {
                int e = 128 * h + l;
                out.put((byte) ((levels[e] >>> 4) | ((levels[e + 32] >>> 4) << 2)
                        | ((levels[e + 64] >>> 4) << 4) | ((levels[e + 96] >>> 4) << 6)));
            }
        }
        out.put(sc);
        out.putShort(dBits);
    }

    /**
     * Fit of the 16 values at {@code o} as {@code scale·q} with q in −32..31, weighted by x², trying the
     * inverse scales {@code −(32 + 0.1·i) / max} for i in −9..9 (max: the value of largest magnitude) and
     * keeping the one that maximises {@code (Σwxq)² / Σwq²}. Leaves q + 32 in {@code levels[lo..lo+16)} and
     * returns the scale.
     */
    private float fitSymmetric(float[] x, int o, int lo) {
        final int nmax = 32;
        float max = 0f;
        float amax = 0f;
        for (int i = 0; i < 16; i++) {
            float a = Math.abs(x[o + i]);
            if (a > amax) {
                amax = a;
                max = x[o + i];
            }
        }
        if (amax < GROUP_MAX_EPS) {
            for (int i = 0; i < 16; i++) {
                levels[lo + i] = 0;
            }
            return 0f;
        }
        float iscale = -nmax / max;
        float sumLX = 0f;
        float sumL2 = 0f;
        for (int i = 0; i < 16; i++) {
            float v = x[o + i];
            int l = clamp(nearestInt(iscale * v), -nmax, nmax - 1);
            levels[lo + i] = l + nmax;
            float w = v * v;
            sumLX += w * v * l;
            sumL2 += w * l * l;
        }
        float scale = sumL2 != 0 ? sumLX / sumL2 : 0f;
        float best = scale * sumLX;
        for (int step = -9; step <= 9; step++) {
            if (step == 0) {
                continue;
            }
            iscale = -(nmax + 0.1f * step) / max;
            sumLX = 0f;
            sumL2 = 0f;
            for (int i = 0; i < 16; i++) {
                float v = x[o + i];
                int l = clamp(nearestInt(iscale * v), -nmax, nmax - 1);
                float w = v * v;
                sumLX += w * v * l;
                sumL2 += w * l * l;
            }
            if (sumL2 > 0 && sumLX * sumLX > best * sumL2) {
                for (int i = 0; i < 16; i++) {
                    levels[lo + i] = nmax + clamp(nearestInt(iscale * x[o + i]), -nmax, nmax - 1);
                }
                scale = sumLX / sumL2;
                best = scale * sumLX;
            }
        }
        return scale;
    }

    /** Round half to even, as ggml's {@code nearest_int} does for the magnitudes that occur here. */
    private static int nearestInt(float v) {
        return (int) Math.rint(v);
    }

    private static int clamp(int v, int lo, int hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
