/*
 * Q2_K and Q3_K kernels on 256-bit vectors, included by catena_kernels.c for AVX2 (AVX-512 has 512-bit ones
 * in catena_kernels_avx512.h) with ISA (the name suffix) and DPBUSD(acc, u, s) (maddubs + madd) defined. Per
 * block of 256 and per half of 128: one load of 32 quant bytes holds 4 runs of 32 values (2 bits each at
 * shifts 0, 2, 4, 6); each run of 32 is two sub-blocks of 16 with their own scales, so one
 * DPBUSD gives both sub-blocks' sums (lanes 0-3 and 4-7) and one multiply applies the two scales.
 */
#define K23_CAT2(a, b) a##_##b
#define K23_CAT(a, b) K23_CAT2(a, b)
#define K23(name) K23_CAT(name, ISA)

static inline int32_t K23(k23_hsum_i)(__m256i v) {
    __m128i s = _mm_add_epi32(_mm256_castsi256_si128(v), _mm256_extracti128_si256(v, 1));
    s = _mm_add_epi32(s, _mm_shuffle_epi32(s, 0x4E));
    s = _mm_add_epi32(s, _mm_shuffle_epi32(s, 0xB1));
    return _mm_cvtsi128_si32(s);
}

/* The integer sum over one block of sc[g] * (sub-block g of the weights . x), the weights unsigned (0..3
 * for Q2_K, 0..7 with the hmask bit for Q3_K, hm NULL for Q2_K). */
static inline int32_t K23(k23_block)(const uint8_t *qs, const uint8_t *hm, const int8_t *x, const int32_t sc[16]) {
    const __m256i three = _mm256_set1_epi8(3), one = _mm256_set1_epi8(1);
    __m256i hb = hm ? _mm256_loadu_si256((const __m256i *) hm) : _mm256_setzero_si256();
    __m256i isum = _mm256_setzero_si256();
    for (int half = 0; half < 2; half++) {
        __m256i q = _mm256_loadu_si256((const __m256i *)(qs + half * 32));
        for (int j = 0; j < 4; j++) {
            __m256i u = _mm256_and_si256(_mm256_srl_epi16(q, _mm_cvtsi32_si128(2 * j)), three);
            if (hm) {
                __m256i h = _mm256_and_si256(_mm256_srl_epi16(hb, _mm_cvtsi32_si128(4 * half + j)), one);
                u = _mm256_or_si256(u, _mm256_slli_epi16(h, 2));
            }
            int e0 = half * 128 + j * 32;
            __m256i d = DPBUSD(_mm256_setzero_si256(), u, _mm256_loadu_si256((const __m256i *)(x + e0)));
            int32_t sa = sc[e0 >> 4], sb = sc[(e0 >> 4) + 1];
            isum = _mm256_add_epi32(isum, _mm256_mullo_epi32(d, _mm256_setr_epi32(sa, sa, sa, sa, sb, sb, sb, sb)));
        }
    }
    return K23(k23_hsum_i)(isum);
}

EXPORT KERNEL(K23(catena_q2_k)) {
    (void) xn;
    for (int32_t r = r0; r < r1; r++) {
        const block_q2_K *b = (const block_q2_K *) (w + r * row_bytes);
        float acc = 0;
        for (int32_t i = 0; i < blocks; i++) {
            for (int o = 0; o < (int) sizeof(block_q2_K); o += 64) {
                _mm_prefetch((const char *) &b[i] + PREFETCH_BYTES + o, _MM_HINT_T0);
            }
            const int16_t *bs = xsum + i * 16;
            int32_t sc[16], summ = 0;
            for (int g = 0; g < 16; g++) {
                sc[g] = b[i].scales[g] & 0x0F;
                summ += (b[i].scales[g] >> 4) * bs[g];
            }
            int32_t sumq = K23(k23_block)(b[i].qs, NULL, xq + i * 256, sc);
            acc += xd[i] * (_cvtsh_ss(b[i].d) * (float) sumq - _cvtsh_ss(b[i].dmin) * (float) summ);
        }
        out[r] = acc;
    }
}

EXPORT KERNEL(K23(catena_q3_k)) {
    (void) xn;
    for (int32_t r = r0; r < r1; r++) {
        const block_q3_K *b = (const block_q3_K *) (w + r * row_bytes);
        float acc = 0;
        for (int32_t i = 0; i < blocks; i++) {
            for (int o = 0; o < (int) sizeof(block_q3_K); o += 64) {
                _mm_prefetch((const char *) &b[i] + PREFETCH_BYTES + o, _MM_HINT_T0);
            }
            const int16_t *bs = xsum + i * 16;
            int32_t sc[16], offset = 0;
            for (int g = 0; g < 16; g++) {
                sc[g] = q3_k_scale(b[i].scales, g);
                offset += sc[g] * bs[g];
            }
            int32_t sumq = K23(k23_block)(b[i].qs, b[i].hmask, xq + i * 256, sc) - 4 * offset;
            acc += xd[i] * _cvtsh_ss(b[i].d) * (float) sumq;
        }
        out[r] = acc;
    }
}

#undef K23
#undef K23_CAT
#undef K23_CAT2
