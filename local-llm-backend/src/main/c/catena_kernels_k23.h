/*
 * Q2_K and Q3_K kernels on 256-bit vectors, included by catena_kernels.c once per instruction set (AVX2, and
 * AVX-512, where they beat a 512-bit version on Zen 4) with ISA (the name suffix) defined. Per block of 256 and
 * per half of 128: one load of 32 quant bytes holds 4 runs of 32 values (2 bits each at shifts 0, 2, 4, 6);
 * each run is two sub-blocks of 16 with their own scales, so one maddubs gives both sub-blocks' pair sums
 * (lanes 0-7 and 8-15, 16 bits) and one madd against the two scales (16 bits, placed by one byte shuffle) gives
 * 32-bit scaled sums. The 16 scales are unpacked with vector shifts, and the offset terms (Q3_K: 4 x scale x
 * the activation sums; Q2_K: the minimums) are one more madd against the activation sums: no scalar work per
 * sub-block, no 32-bit multiplies, one float FMA per block.
 */
#define K23_CAT2(a, b) a##_##b
#define K23_CAT(a, b) K23_CAT2(a, b)
#define K23(name) K23_CAT(name, ISA)

/*
 * Per 32-bit lane, sums of scale[g] x (sub-block g of the weights . x) over one block, the weights unsigned
 * (0..3 for Q2_K, 0..7 with the hmask bit as 4 for Q3_K, hm NULL for Q2_K), s16 the 16 scales as int16 (lane g:
 * sub-block g). Value 128h + 32j + l has its two bits at shift 2j of qs[32h + l], its hmask bit at bit 4h + j of hm[l].
 */
static inline __m256i K23(k23_dots)(const uint8_t *qs, const uint8_t *hm, const int8_t *x, __m256i s16) {
    const __m256i three = _mm256_set1_epi8(3), one = _mm256_set1_epi8(1);
    __m256i hb = hm ? _mm256_loadu_si256((const __m256i *) hm) : _mm256_setzero_si256();
    __m256i isum = _mm256_setzero_si256();
    for (int half = 0; half < 2; half++) {
        /* both 128-bit lanes: the 8 scales of this half; run j takes scale 2j in its low lane, 2j+1 in its high one */
        __m256i sc = _mm256_permute2x128_si256(s16, s16, half ? 0x11 : 0x00);
        __m256i q = _mm256_loadu_si256((const __m256i *)(qs + half * 32));
        __m256i h = half ? _mm256_srli_epi16(hb, 4) : hb;
        for (int j = 0; j < 4; j++) {
            __m256i u = _mm256_and_si256(q, three);
            if (hm) {
                u = _mm256_or_si256(u, _mm256_slli_epi16(_mm256_and_si256(h, one), 2));
                h = _mm256_srli_epi16(h, 1);
            }
            q = _mm256_srli_epi16(q, 2);
            __m256i pick = _mm256_setr_epi8(4 * j, 4 * j + 1, 4 * j, 4 * j + 1, 4 * j, 4 * j + 1, 4 * j, 4 * j + 1,
                                             4 * j, 4 * j + 1, 4 * j, 4 * j + 1, 4 * j, 4 * j + 1, 4 * j, 4 * j + 1,
                                             4 * j + 2, 4 * j + 3, 4 * j + 2, 4 * j + 3, 4 * j + 2, 4 * j + 3, 4 * j + 2, 4 * j + 3,
                                             4 * j + 2, 4 * j + 3, 4 * j + 2, 4 * j + 3, 4 * j + 2, 4 * j + 3, 4 * j + 2, 4 * j + 3);
            __m256i p = _mm256_maddubs_epi16(u, _mm256_loadu_si256((const __m256i *)(x + half * 128 + j * 32)));
            isum = _mm256_add_epi32(isum, _mm256_madd_epi16(p, _mm256_shuffle_epi8(sc, pick)));
        }
    }
    return isum;
}

static inline float K23(k23_hsum)(__m256 v) {
    __m128 s = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    s = _mm_add_ps(s, _mm_movehl_ps(s, s));
    s = _mm_add_ss(s, _mm_movehdup_ps(s));
    return _mm_cvtss_f32(s);
}

/* The 16 signed 6-bit scales of a Q3_K block (12 packed bytes at s: low 4 bits in s[0..7], high 2 in s[8..11]) as int16. */
static inline __m256i K23(q3_k_scales16)(const uint8_t *s) {
    __m128i v = _mm_setr_epi32((int) rd32(s), (int) rd32(s + 4), (int) rd32(s + 8), 0);
    __m128i m4 = _mm_set1_epi8(0x0F);
    __m128i lo = _mm_unpacklo_epi64(_mm_and_si128(v, m4), _mm_and_si128(_mm_srli_epi16(v, 4), m4));
    __m128i h = _mm_shuffle_epi8(v, _mm_setr_epi8(8, 9, 10, 11, 8, 9, 10, 11, 8, 9, 10, 11, 8, 9, 10, 11));
    h = _mm_and_si128(_mm_srlv_epi32(h, _mm_setr_epi32(0, 2, 4, 6)), _mm_set1_epi8(3));
    return _mm256_cvtepi8_epi16(_mm_sub_epi8(_mm_or_si128(lo, _mm_slli_epi16(h, 4)), _mm_set1_epi8(32)));
}

EXPORT KERNEL(K23(catena_q2_k)) {
    (void) xn;
    for (int32_t r = r0; r < r1; r++) {
        const block_q2_K *b = (const block_q2_K *) (w + r * row_bytes);
        __m256 acc = _mm256_setzero_ps();
        for (int32_t i = 0; i < blocks; i++) {
            for (int o = 0; o < (int) sizeof(block_q2_K); o += 64) {
                _mm_prefetch((const char *) &b[i] + PREFETCH_BYTES + o, _MM_HINT_T0);
            }
            __m128i packed = _mm_loadu_si128((const __m128i *) b[i].scales);
            __m256i sc = _mm256_cvtepu8_epi16(_mm_and_si128(packed, _mm_set1_epi8(0x0F)));
            __m256i mn = _mm256_cvtepu8_epi16(_mm_and_si128(_mm_srli_epi16(packed, 4), _mm_set1_epi8(0x0F)));
            __m256i summ = _mm256_madd_epi16(mn, _mm256_loadu_si256((const __m256i *)(xsum + i * 16)));
            __m256i sumq = K23(k23_dots)(b[i].qs, NULL, xq + i * 256, sc);
            acc = _mm256_fmadd_ps(_mm256_cvtepi32_ps(sumq), _mm256_set1_ps(_cvtsh_ss(b[i].d) * xd[i]), acc);
            acc = _mm256_fnmadd_ps(_mm256_cvtepi32_ps(summ), _mm256_set1_ps(_cvtsh_ss(b[i].dmin) * xd[i]), acc);
        }
        out[r] = K23(k23_hsum)(acc);
    }
}

EXPORT KERNEL(K23(catena_q3_k)) {
    (void) xn;
    for (int32_t r = r0; r < r1; r++) {
        const block_q3_K *b = (const block_q3_K *) (w + r * row_bytes);
        __m256 acc = _mm256_setzero_ps();
        for (int32_t i = 0; i < blocks; i++) {
            for (int o = 0; o < (int) sizeof(block_q3_K); o += 64) {
                _mm_prefetch((const char *) &b[i] + PREFETCH_BYTES + o, _MM_HINT_T0);
            }
            __m256i sc = K23(q3_k_scales16)(b[i].scales);
            __m256i offset = _mm256_madd_epi16(sc, _mm256_loadu_si256((const __m256i *)(xsum + i * 16)));
            __m256i sumq = _mm256_sub_epi32(K23(k23_dots)(b[i].qs, b[i].hmask, xq + i * 256, sc), _mm256_slli_epi32(offset, 2));
            acc = _mm256_fmadd_ps(_mm256_cvtepi32_ps(sumq), _mm256_set1_ps(_cvtsh_ss(b[i].d) * xd[i]), acc);
        }
        out[r] = K23(k23_hsum)(acc);
    }
}

#undef K23
#undef K23_CAT
#undef K23_CAT2
