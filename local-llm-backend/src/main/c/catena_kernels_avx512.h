/*
 * AVX-512 VNNI kernels, included by catena_kernels.c inside its avx512 target section.
 *
 * "Reduce first": each vpdpbusd covers 64 weights (two blocks of 32, or two sub-blocks), the integer
 * lanes of 8 such products are folded into one vector holding the 16 block sums, and only then are the
 * block scales applied: 16 blocks share one F16-to-float conversion, one multiply and one FMA instead of
 * a broadcast per block. Weights go in unsigned (Q4/Q5 nibbles as 0..15 / 0..31, Q8_0 offset by 128, Q6_K
 * as 0..63), so vpdpbusd takes them as they are; the offset times the block's activation sum (computed
 * once per vector, in QuantizedVector) is subtracted afterwards.
 */

/* Lane j of the result = sum of the 8 int32 lanes of block j, where vector p holds blocks 2p (lanes 0-7)
 * and 2p+1 (lanes 8-15). */
static inline __m512i reduce_16x8(const __m512i d[8]) {
    __m512i e[4];
    for (int p = 0; p < 4; p++) {
        e[p] = _mm512_add_epi32(_mm512_unpacklo_epi32(d[2 * p], d[2 * p + 1]), _mm512_unpackhi_epi32(d[2 * p], d[2 * p + 1]));
    }
    __m512i f0 = _mm512_add_epi32(_mm512_unpacklo_epi64(e[0], e[1]), _mm512_unpackhi_epi64(e[0], e[1]));
    __m512i f1 = _mm512_add_epi32(_mm512_unpacklo_epi64(e[2], e[3]), _mm512_unpackhi_epi64(e[2], e[3]));
    __m512i s = _mm512_add_epi32(_mm512_shuffle_i64x2(f0, f1, _MM_SHUFFLE(2, 0, 2, 0)),
                                 _mm512_shuffle_i64x2(f0, f1, _MM_SHUFFLE(3, 1, 3, 1)));
    /* s lane 4g+k holds block 2k (g=0), 2k+1 (g=1), 8+2k (g=2), 9+2k (g=3): back to block order */
    return _mm512_permutexvar_epi32(_mm512_setr_epi32(0, 4, 1, 5, 2, 6, 3, 7, 8, 12, 9, 13, 10, 14, 11, 15), s);
}

/* Lane j of the result = sum of the 4 int32 lanes of group j of 16, where vector s holds groups
 * 4s..4s+3 in its four 128-bit lanes. */
static inline __m512i reduce_16x4(const __m512i d[4]) {
    __m512i e0 = _mm512_add_epi32(_mm512_unpacklo_epi32(d[0], d[1]), _mm512_unpackhi_epi32(d[0], d[1]));
    __m512i e1 = _mm512_add_epi32(_mm512_unpacklo_epi32(d[2], d[3]), _mm512_unpackhi_epi32(d[2], d[3]));
    __m512i s = _mm512_add_epi32(_mm512_unpacklo_epi64(e0, e1), _mm512_unpackhi_epi64(e0, e1));
    /* s lane 4L+k holds group 4k+L */
    return _mm512_permutexvar_epi32(_mm512_setr_epi32(0, 4, 8, 12, 1, 5, 9, 13, 2, 6, 10, 14, 3, 7, 11, 15), s);
}

/* ---- Q8_0, Q4_0, Q5_0: 16 blocks of 32 per step ----------------------------------------------- */

/* 64 unsigned weights of blocks 2p and 2p+1 (the second only when two is set), in activation order. */
static inline __m512i q8_0_pair(const uint8_t *b, int two) {
    __m256i lo = _mm256_loadu_si256((const __m256i *)(b + 2));
    __m512i q = two ? _mm512_inserti64x4(_mm512_castsi256_si512(lo), _mm256_loadu_si256((const __m256i *)(b + 36)), 1)
                    : _mm512_zextsi256_si512(lo);
    return _mm512_xor_si512(q, _mm512_set1_epi8((char) 0x80));
}

static inline __m512i q4_0_pair(const uint8_t *b, int two) {
    __m128i q0 = _mm_loadu_si128((const __m128i *)(b + 2));
    __m128i q1 = two ? _mm_loadu_si128((const __m128i *)(b + 20)) : _mm_setzero_si128();
    __m256i y = _mm256_set_m128i(q1, q0);
    __m512i z = _mm512_inserti64x4(_mm512_castsi256_si512(y), _mm256_srli_epi16(y, 4), 1);
    z = _mm512_and_si512(z, _mm512_set1_epi8(0x0F));                     /* lo0 lo1 hi0 hi1 */
    return _mm512_shuffle_i64x2(z, z, _MM_SHUFFLE(3, 1, 2, 0));           /* lo0 hi0 lo1 hi1 */
}

static inline __m512i q5_0_pair(const uint8_t *b, int two) {
    __m128i q0 = _mm_loadu_si128((const __m128i *)(b + 6));
    __m128i q1 = two ? _mm_loadu_si128((const __m128i *)(b + 28)) : _mm_setzero_si128();
    __m256i y = _mm256_set_m128i(q1, q0);
    __m512i z = _mm512_inserti64x4(_mm512_castsi256_si512(y), _mm256_srli_epi16(y, 4), 1);
    z = _mm512_and_si512(z, _mm512_set1_epi8(0x0F));
    z = _mm512_shuffle_i64x2(z, z, _MM_SHUFFLE(3, 1, 2, 0));
    __mmask64 high = (__mmask64) rd32(b + 2) | (two ? (__mmask64) rd32(b + 24) << 32 : 0);
    return _mm512_or_si512(z, _mm512_maskz_mov_epi8(high, _mm512_set1_epi8(0x10)));
}

/*
 * One row of a 32-block type: `PAIR(b, two)` gives the weights of two blocks, `BPB` bytes per block with
 * the F16 scale first, `OFFSET` the unsigned offset of the weights.
 */
#define ROW_32(NAME, PAIR, BPB, OFFSET)                                                                       \
static float NAME(const uint8_t *row, const int8_t *xq, const float *xd, const int16_t *xs, int32_t blocks) { \
    const __m512i gidx = _mm512_mullo_epi32(_mm512_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15), \
                                            _mm512_set1_epi32(BPB));                                        \
    __m512 acc = _mm512_setzero_ps();                                                                       \
    for (int32_t i = 0; i < blocks; i += 16) {                                                              \
        int32_t nb = blocks - i < 16 ? blocks - i : 16;                                                     \
        const uint8_t *b = row + (int64_t) i * BPB;                                                         \
        __m512i d[8];                                                                                       \
        for (int p = 0; p < 8; p++) {                                                                       \
            if (2 * p < nb) {                                                                               \
                const uint8_t *bp = b + 2 * p * BPB;                                                        \
                _mm_prefetch((const char *)(bp + PREFETCH_BYTES), _MM_HINT_T0);                            \
                _mm_prefetch((const char *)(bp + PREFETCH_BYTES + 64), _MM_HINT_T0);                       \
                int two = 2 * p + 1 < nb;                                                                   \
                __m512i x = two ? _mm512_loadu_si512(xq + (i + 2 * p) * 32)                                 \
                                : _mm512_zextsi256_si512(_mm256_loadu_si256((const __m256i *)(xq + (i + 2 * p) * 32))); \
                d[p] = _mm512_dpbusd_epi32(_mm512_setzero_si512(), PAIR(bp, two), x);                     \
            } else {                                                                                        \
                d[p] = _mm512_setzero_si512();                                                              \
            }                                                                                               \
        }                                                                                                   \
        __mmask16 m = (__mmask16) ((1u << nb) - 1);                                                         \
        __m512 sum = _mm512_cvtepi32_ps(reduce_16x8(d));                                                    \
        __m512 sx = _mm512_cvtepi32_ps(_mm512_cvtepi16_epi32(_mm256_maskz_loadu_epi16(m, xs + i)));         \
        __m512 dw = _mm512_cvtph_ps(_mm512_cvtepi32_epi16(                                                  \
                _mm512_mask_i32gather_epi32(_mm512_setzero_si512(), m, gidx, b, 1)));                       \
        __m512 dx = _mm512_maskz_loadu_ps(m, xd + i);                                                       \
        acc = _mm512_fmadd_ps(_mm512_mul_ps(dw, dx), _mm512_fnmadd_ps(sx, _mm512_set1_ps(OFFSET), sum), acc); \
    }                                                                                                       \
    return _mm512_reduce_add_ps(acc);                                                                       \
}

ROW_32(row_q8_0_avx512, q8_0_pair, 34, 128.0f)
ROW_32(row_q4_0_avx512, q4_0_pair, 18, 8.0f)
ROW_32(row_q5_0_avx512, q5_0_pair, 22, 16.0f)

/* ---- Q4_K, Q5_K: two blocks of 256 (16 sub-blocks of 32) per step ---------------------------- */

/* The 6-bit scales (low 8 bytes) and minimums (high 8 bytes) of a Q4_K/Q5_K block (12 bytes at q). */
static inline __m128i k_scales_mins(const uint8_t *q) {
    uint32_t u0 = rd32(q), u1 = rd32(q + 4), u2 = rd32(q + 8);
    uint32_t sc_lo = u0 & 0x3F3F3F3Fu, m_lo = u1 & 0x3F3F3F3Fu;
    uint32_t sc_hi = (u2 & 0x0F0F0F0Fu) | (((u0 >> 6) & 0x03030303u) << 4);
    uint32_t m_hi = ((u2 >> 4) & 0x0F0F0F0Fu) | (((u1 >> 6) & 0x03030303u) << 4);
    return _mm_setr_epi32((int) sc_lo, (int) sc_hi, (int) m_lo, (int) m_hi);
}

/* The four products of one Q4_K (qh NULL) or Q5_K block: vector p covers sub-blocks 2p and 2p+1. */
static inline void q45_k_products(const uint8_t *qs, const uint8_t *qh, const int8_t *x, __m512i *d) {
    const __m512i low = _mm512_set1_epi8(0x0F);
    __m512i hb = qh ? _mm512_broadcast_i64x4(_mm256_loadu_si256((const __m256i *) qh)) : _mm512_setzero_si512();
    for (int p = 0; p < 4; p++) {
        __m256i q = _mm256_loadu_si256((const __m256i *)(qs + p * 32));
        __m512i z = _mm512_and_si512(_mm512_inserti64x4(_mm512_castsi256_si512(q), _mm256_srli_epi16(q, 4), 1), low);
        if (qh) {
            __m512i bit = _mm512_inserti64x4(_mm512_set1_epi8((char) (1 << (2 * p))), _mm256_set1_epi8((char) (1 << (2 * p + 1))), 1);
            z = _mm512_or_si512(z, _mm512_maskz_mov_epi8(_mm512_test_epi8_mask(hb, bit), _mm512_set1_epi8(0x10)));
        }
        d[p] = _mm512_dpbusd_epi32(_mm512_setzero_si512(), z, _mm512_loadu_si512(x + p * 64));
    }
}

static float row_q45_k_avx512(const uint8_t *row, int bpb, int qs_off, int qh_off, const int8_t *xq,
                              const float *xd, const int16_t *xs, int32_t blocks) {
    __m512 acc = _mm512_setzero_ps();
    for (int32_t i = 0; i < blocks; i += 2) {
        int two = i + 1 < blocks;
        const uint8_t *b0 = row + (int64_t) i * bpb, *b1 = b0 + bpb;
        for (int o = 0; o < 2 * bpb; o += 64) {
            _mm_prefetch((const char *)(b0 + PREFETCH_BYTES + o), _MM_HINT_T0);
        }
        __m512i d[8];
        q45_k_products(b0 + qs_off, qh_off ? b0 + qh_off : NULL, xq + i * 256, d);
        if (two) {
            q45_k_products(b1 + qs_off, qh_off ? b1 + qh_off : NULL, xq + i * 256 + 256, d + 4);
        } else {
            d[4] = d[5] = d[6] = d[7] = _mm512_setzero_si512();
        }
        __m128i sm0 = k_scales_mins(b0 + 4);
        __m128i sm1 = two ? k_scales_mins(b1 + 4) : _mm_setzero_si128();
        __m512 sc = _mm512_cvtepi32_ps(_mm512_cvtepu8_epi32(_mm_unpacklo_epi64(sm0, sm1)));
        __m512 mn = _mm512_cvtepi32_ps(_mm512_cvtepu8_epi32(_mm_unpackhi_epi64(sm0, sm1)));
        /* activation sums of each sub-block of 32: pairs of the sums of 16 */
        __m512i s16 = _mm512_maskz_loadu_epi16(two ? 0xFFFFFFFFu : 0xFFFFu, xs + i * 16);
        __m512 bsum = _mm512_cvtepi32_ps(_mm512_madd_epi16(s16, _mm512_set1_epi16(1)));
        float x0 = xd[i], x1 = two ? xd[i + 1] : 0.0f;
        __m512 dv = _mm512_mask_blend_ps(0xFF00, _mm512_set1_ps(_cvtsh_ss(rd16(b0)) * x0),
                                         _mm512_set1_ps(two ? _cvtsh_ss(rd16(b1)) * x1 : 0.0f));
        __m512 mv = _mm512_mask_blend_ps(0xFF00, _mm512_set1_ps(_cvtsh_ss(rd16(b0 + 2)) * x0),
                                         _mm512_set1_ps(two ? _cvtsh_ss(rd16(b1 + 2)) * x1 : 0.0f));
        __m512 sum = _mm512_cvtepi32_ps(reduce_16x8(d));
        acc = _mm512_fmadd_ps(_mm512_mul_ps(sum, sc), dv, acc);
        acc = _mm512_fnmadd_ps(_mm512_mul_ps(bsum, mn), mv, acc);
    }
    return _mm512_reduce_add_ps(acc);
}

/* ---- Q6_K: one block of 256 (16 sub-blocks of 16) per step ----------------------------------- */

static float row_q6_k_avx512(const uint8_t *row, const int8_t *xq, const float *xd, const int16_t *xs, int32_t blocks) {
    const __m512i low = _mm512_set1_epi8(0x0F);
    const __m512i three = _mm512_set1_epi8(3);
    __m512 acc = _mm512_setzero_ps();
    for (int32_t i = 0; i < blocks; i++) {
        const uint8_t *b = row + (int64_t) i * 210;
        for (int o = 0; o < 210; o += 64) {
            _mm_prefetch((const char *)(b + PREFETCH_BYTES + o), _MM_HINT_T0);
        }
        const int8_t *x = xq + i * 256;
        __m512i d[4];
        for (int half = 0; half < 2; half++) {
            __m512i ql = _mm512_loadu_si512(b + half * 64);
            __m256i h = _mm256_loadu_si256((const __m256i *)(b + 128 + half * 32));
            __m512i qh = _mm512_inserti64x4(_mm512_castsi256_si512(h), _mm256_srli_epi16(h, 2), 1);
            __m512i lo = _mm512_or_si512(_mm512_and_si512(ql, low), _mm512_slli_epi16(_mm512_and_si512(qh, three), 4));
            __m512i hi = _mm512_or_si512(_mm512_and_si512(_mm512_srli_epi16(ql, 4), low),
                                         _mm512_slli_epi16(_mm512_and_si512(_mm512_srli_epi16(qh, 4), three), 4));
            d[2 * half] = _mm512_dpbusd_epi32(_mm512_setzero_si512(), lo, _mm512_loadu_si512(x + half * 128));
            d[2 * half + 1] = _mm512_dpbusd_epi32(_mm512_setzero_si512(), hi, _mm512_loadu_si512(x + half * 128 + 64));
        }
        __m512 sum = _mm512_cvtepi32_ps(reduce_16x4(d));
        __m512 bsum = _mm512_cvtepi32_ps(_mm512_cvtepi16_epi32(_mm256_loadu_si256((const __m256i *)(xs + i * 16))));
        __m512 sc = _mm512_cvtepi32_ps(_mm512_cvtepi8_epi32(_mm_loadu_si128((const __m128i *)(b + 192))));
        __m512 t = _mm512_mul_ps(_mm512_fnmadd_ps(bsum, _mm512_set1_ps(32.0f), sum), sc);
        acc = _mm512_fmadd_ps(t, _mm512_set1_ps(_cvtsh_ss(rd16(b + 208)) * xd[i]), acc);
    }
    return _mm512_reduce_add_ps(acc);
}

EXPORT KERNEL(catena_q8_0_avx512vnni) {
    for (int32_t r = r0; r < r1; r++) out[r] = row_q8_0_avx512(w + r * row_bytes, xq, xd, xsum, blocks);
}

EXPORT KERNEL(catena_q4_0_avx512vnni) {
    for (int32_t r = r0; r < r1; r++) out[r] = row_q4_0_avx512(w + r * row_bytes, xq, xd, xsum, blocks);
}

EXPORT KERNEL(catena_q5_0_avx512vnni) {
    for (int32_t r = r0; r < r1; r++) out[r] = row_q5_0_avx512(w + r * row_bytes, xq, xd, xsum, blocks);
}

EXPORT KERNEL(catena_q4_k_avx512vnni) {
    for (int32_t r = r0; r < r1; r++) out[r] = row_q45_k_avx512(w + r * row_bytes, 144, 16, 0, xq, xd, xsum, blocks);
}

EXPORT KERNEL(catena_q5_k_avx512vnni) {
    for (int32_t r = r0; r < r1; r++) out[r] = row_q45_k_avx512(w + r * row_bytes, 176, 48, 16, xq, xd, xsum, blocks);
}

EXPORT KERNEL(catena_q6_k_avx512vnni) {
    for (int32_t r = r0; r < r1; r++) out[r] = row_q6_k_avx512(w + r * row_bytes, xq, xd, xsum, blocks);
}
