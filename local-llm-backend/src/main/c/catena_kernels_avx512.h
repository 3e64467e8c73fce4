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
 * and 2p+1 (lanes 8-15); with a final permutation `order` (reduce_16x8 uses BLOCK_ORDER). */
#define BLOCK_ORDER _mm512_setr_epi32(0, 4, 1, 5, 2, 6, 3, 7, 8, 12, 9, 13, 10, 14, 11, 15)
#define reduce_16x8(d) reduce_16x8_to((d), BLOCK_ORDER)
static inline __m512i reduce_16x8_to(const __m512i d[8], __m512i order) {
    __m512i e[4];
    for (int p = 0; p < 4; p++) {
        e[p] = _mm512_add_epi32(_mm512_unpacklo_epi32(d[2 * p], d[2 * p + 1]), _mm512_unpackhi_epi32(d[2 * p], d[2 * p + 1]));
    }
    __m512i f0 = _mm512_add_epi32(_mm512_unpacklo_epi64(e[0], e[1]), _mm512_unpackhi_epi64(e[0], e[1]));
    __m512i f1 = _mm512_add_epi32(_mm512_unpacklo_epi64(e[2], e[3]), _mm512_unpackhi_epi64(e[2], e[3]));
    __m512i s = _mm512_add_epi32(_mm512_shuffle_i64x2(f0, f1, _MM_SHUFFLE(2, 0, 2, 0)),
                                 _mm512_shuffle_i64x2(f0, f1, _MM_SHUFFLE(3, 1, 3, 1)));
    /* s lane 4g+k holds block 2k (g=0), 2k+1 (g=1), 8+2k (g=2), 9+2k (g=3): back to block order */
    return _mm512_permutexvar_epi32(order, s);
}

/* As reduce_16x8 for at most 8 blocks (vectors 0-3); lanes 8-15 of the result are not defined. */
static inline __m512i reduce_8x8(const __m512i d[4]) {
    __m512i e0 = _mm512_add_epi32(_mm512_unpacklo_epi32(d[0], d[1]), _mm512_unpackhi_epi32(d[0], d[1]));
    __m512i e1 = _mm512_add_epi32(_mm512_unpacklo_epi32(d[2], d[3]), _mm512_unpackhi_epi32(d[2], d[3]));
    __m512i f = _mm512_add_epi32(_mm512_unpacklo_epi64(e0, e1), _mm512_unpackhi_epi64(e0, e1));
    __m512i s = _mm512_add_epi32(f, _mm512_shuffle_i64x2(f, f, _MM_SHUFFLE(2, 3, 0, 1)));
    /* s lane k (k < 4) holds block 2k, lane 8+k block 2k+1 */
    return _mm512_permutexvar_epi32(_mm512_setr_epi32(0, 8, 1, 9, 2, 10, 3, 11, 0, 0, 0, 0, 0, 0, 0, 0), s);
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

/* ---- Q8_0: 16 blocks of 32 per step (the pair loaders of Q4_0 and Q5_0 serve the GEMM) ----------------------------------------------- */

/* 64 unsigned weights of blocks 2p and 2p+1 (the second only when two is set), in activation order. */
static inline __m512i q8_0_pair(const block_q8_0 *b, int two) {
    __m256i lo = _mm256_loadu_si256((const __m256i *) b[0].qs);
    __m512i q = two ? _mm512_inserti64x4(_mm512_castsi256_si512(lo), _mm256_loadu_si256((const __m256i *) b[1].qs), 1)
                    : _mm512_zextsi256_si512(lo);
    return _mm512_xor_si512(q, _mm512_set1_epi8((char) 0x80));
}

/* The nibbles of the 16 quant bytes qs0 and qs1 (zeros when NULL): lo0 hi0 lo1 hi1, values in column order. */
static inline __m512i nibbles_x2(const uint8_t *qs0, const uint8_t *qs1) {
    __m128i q0 = _mm_loadu_si128((const __m128i *) qs0);
    __m128i q1 = qs1 ? _mm_loadu_si128((const __m128i *) qs1) : _mm_setzero_si128();
    __m256i y = _mm256_set_m128i(q1, q0);
    __m512i z = _mm512_inserti64x4(_mm512_castsi256_si512(y), _mm256_srli_epi16(y, 4), 1);
    z = _mm512_and_si512(z, _mm512_set1_epi8(0x0F));                     /* lo0 lo1 hi0 hi1 */
    return _mm512_shuffle_i64x2(z, z, _MM_SHUFFLE(3, 1, 2, 0));           /* lo0 hi0 lo1 hi1 */
}

/* nibbles_x2 with the fifth bits of the two blocks' qh (bit j = value j) added as 0x10. */
static inline __m512i fives_x2(const uint8_t *qs0, const uint8_t *qh0, const uint8_t *qs1, const uint8_t *qh1) {
    __mmask64 high = (__mmask64) rd32(qh0) | (qh1 ? (__mmask64) rd32(qh1) << 32 : 0);
    return _mm512_or_si512(nibbles_x2(qs0, qs1), _mm512_maskz_mov_epi8(high, _mm512_set1_epi8(0x10)));
}

static inline __m512i q4_0_pair(const block_q4_0 *b, int two) {
    return nibbles_x2(b[0].qs, two ? b[1].qs : NULL);
}

static inline __m512i q5_0_pair(const block_q5_0 *b, int two) {
    return fives_x2(b[0].qs, b[0].qh, two ? b[1].qs : NULL, two ? b[1].qh : NULL);
}

static inline __m512i q4_1_pair(const block_q4_1 *b, int two) {
    return nibbles_x2(b[0].qs, two ? b[1].qs : NULL);
}

static inline __m512i q5_1_pair(const block_q5_1 *b, int two) {
    return fives_x2(b[0].qs, b[0].qh, two ? b[1].qs : NULL, two ? b[1].qh : NULL);
}

/*
 * One row of a 32-block type: `PAIR(b, two)` gives the weights of two blocks of type `T` (with an F16
 * scale d), `OFFSET` the unsigned offset of the weights.
 */
#define ROW_32(NAME, PAIR, T, OFFSET)                                                                         \
static float NAME(const uint8_t *row, const int8_t *xq, const float *xd, const int16_t *xs, int32_t blocks) { \
    const __m512i gidx = _mm512_mullo_epi32(_mm512_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15), \
                                            _mm512_set1_epi32((int) sizeof(T)));                            \
    __m512 acc = _mm512_setzero_ps();                                                                       \
    for (int32_t i = 0; i < blocks; i += 16) {                                                              \
        int32_t nb = blocks - i < 16 ? blocks - i : 16;                                                     \
        const T *b = (const T *) row + i;                                                                   \
        __m512i d[8];                                                                                       \
        for (int p = 0; p < 8; p++) {                                                                       \
            if (2 * p < nb) {                                                                               \
                const T *bp = b + 2 * p;                                                                    \
                _mm_prefetch((const char *) bp + PREFETCH_BYTES, _MM_HINT_T0);                             \
                _mm_prefetch((const char *) bp + PREFETCH_BYTES + 64, _MM_HINT_T0);                        \
                int two = 2 * p + 1 < nb;                                                                   \
                __m512i x = two ? _mm512_loadu_si512(xq + (i + 2 * p) * 32)                                 \
                                : _mm512_zextsi256_si512(_mm256_loadu_si256((const __m256i *)(xq + (i + 2 * p) * 32))); \
                d[p] = _mm512_dpbusd_epi32(_mm512_setzero_si512(), PAIR(bp, two), x);                     \
            } else {                                                                                        \
                d[p] = _mm512_setzero_si512();                                                              \
            }                                                                                               \
        }                                                                                                   \
        __mmask16 m = (__mmask16) ((1u << nb) - 1);                                                         \
        __m512 sum = _mm512_cvtepi32_ps(nb > 8 ? reduce_16x8(d) : reduce_8x8(d));                           \
        __m512 sx = _mm512_cvtepi32_ps(_mm512_cvtepi16_epi32(_mm256_maskz_loadu_epi16(m, xs + i)));         \
        __m512 dw = _mm512_cvtph_ps(_mm512_cvtepi32_epi16(                                                  \
                _mm512_mask_i32gather_epi32(_mm512_setzero_si512(), m, gidx, &b->d, 1)));                   \
        __m512 dx = _mm512_maskz_loadu_ps(m, xd + i);                                                       \
        acc = _mm512_fmadd_ps(_mm512_mul_ps(dw, dx), _mm512_fnmadd_ps(sx, _mm512_set1_ps(OFFSET), sum), acc); \
    }                                                                                                       \
    return _mm512_reduce_add_ps(acc);                                                                       \
}

ROW_32(row_q8_0_avx512, q8_0_pair, block_q8_0, 128.0f)


/* The IQ4_NL / IQ4_XS code book plus 128 (unsigned, for vpdpbusd), in every 128-bit lane for vpshufb. */
static inline __m512i iq4_book_u8(void) {
    return _mm512_xor_si512(_mm512_broadcast_i32x4(_mm_loadu_si128((const __m128i *) IQ4_VALUES)), _mm512_set1_epi8((char) 0x80));
}

/* ---- Q4_0, Q5_0 on nibble-ordered activations: 4 blocks per vpermb ------------------------------ */
/*
 * One vpermt2b gathers the 4 x 16 quant bytes of 4 consecutive blocks out of two 64-byte loads; its low
 * and high nibbles then line up with the activations in nibble order (xn: per 4 blocks, the first 16 values
 * of each block, then the last 16), so two vpdpbusd cover 4 blocks with no shuffle.
 */
/* Byte j of part f of block k of type T, counted from the first of 4 consecutive blocks. */
#define GROUP_BYTE(T, f, k, j) (uint8_t) ((k) * sizeof(T) + offsetof(T, f) + (j))
#define GROUP_16(T, f, k) GROUP_BYTE(T, f, k, 0), GROUP_BYTE(T, f, k, 1), GROUP_BYTE(T, f, k, 2), GROUP_BYTE(T, f, k, 3), \
    GROUP_BYTE(T, f, k, 4), GROUP_BYTE(T, f, k, 5), GROUP_BYTE(T, f, k, 6), GROUP_BYTE(T, f, k, 7),                      \
    GROUP_BYTE(T, f, k, 8), GROUP_BYTE(T, f, k, 9), GROUP_BYTE(T, f, k, 10), GROUP_BYTE(T, f, k, 11),                    \
    GROUP_BYTE(T, f, k, 12), GROUP_BYTE(T, f, k, 13), GROUP_BYTE(T, f, k, 14), GROUP_BYTE(T, f, k, 15)
_Static_assert(4 * sizeof(block_q5_0) <= 128 && 4 * sizeof(block_q4_0) <= 128, "4 blocks in the two loads of vpermt2b");

static const uint8_t Q4_0_QUANTS[64] __attribute__((aligned(64))) = {
    GROUP_16(block_q4_0, qs, 0), GROUP_16(block_q4_0, qs, 1), GROUP_16(block_q4_0, qs, 2), GROUP_16(block_q4_0, qs, 3)};
static const uint8_t Q5_0_QUANTS[64] __attribute__((aligned(64))) = {
    GROUP_16(block_q5_0, qs, 0), GROUP_16(block_q5_0, qs, 1), GROUP_16(block_q5_0, qs, 2), GROUP_16(block_q5_0, qs, 3)};
/* The fifth bits: qh bytes 0-1 (values 0-15) of the 4 blocks, then qh bytes 2-3 (values 16-31). */
static const uint8_t Q5_0_HIGH_BITS[64] __attribute__((aligned(64))) = {
    GROUP_BYTE(block_q5_0, qh, 0, 0), GROUP_BYTE(block_q5_0, qh, 0, 1), GROUP_BYTE(block_q5_0, qh, 1, 0), GROUP_BYTE(block_q5_0, qh, 1, 1),
    GROUP_BYTE(block_q5_0, qh, 2, 0), GROUP_BYTE(block_q5_0, qh, 2, 1), GROUP_BYTE(block_q5_0, qh, 3, 0), GROUP_BYTE(block_q5_0, qh, 3, 1),
    GROUP_BYTE(block_q5_0, qh, 0, 2), GROUP_BYTE(block_q5_0, qh, 0, 3), GROUP_BYTE(block_q5_0, qh, 1, 2), GROUP_BYTE(block_q5_0, qh, 1, 3),
    GROUP_BYTE(block_q5_0, qh, 2, 2), GROUP_BYTE(block_q5_0, qh, 2, 3), GROUP_BYTE(block_q5_0, qh, 3, 2), GROUP_BYTE(block_q5_0, qh, 3, 3)};

static const uint8_t Q4_1_QUANTS[64] __attribute__((aligned(64))) = {
    GROUP_16(block_q4_1, qs, 0), GROUP_16(block_q4_1, qs, 1), GROUP_16(block_q4_1, qs, 2), GROUP_16(block_q4_1, qs, 3)};
static const uint8_t Q5_1_QUANTS[64] __attribute__((aligned(64))) = {
    GROUP_16(block_q5_1, qs, 0), GROUP_16(block_q5_1, qs, 1), GROUP_16(block_q5_1, qs, 2), GROUP_16(block_q5_1, qs, 3)};
static const uint8_t Q5_1_HIGH_BITS[64] __attribute__((aligned(64))) = {
    GROUP_BYTE(block_q5_1, qh, 0, 0), GROUP_BYTE(block_q5_1, qh, 0, 1), GROUP_BYTE(block_q5_1, qh, 1, 0), GROUP_BYTE(block_q5_1, qh, 1, 1),
    GROUP_BYTE(block_q5_1, qh, 2, 0), GROUP_BYTE(block_q5_1, qh, 2, 1), GROUP_BYTE(block_q5_1, qh, 3, 0), GROUP_BYTE(block_q5_1, qh, 3, 1),
    GROUP_BYTE(block_q5_1, qh, 0, 2), GROUP_BYTE(block_q5_1, qh, 0, 3), GROUP_BYTE(block_q5_1, qh, 1, 2), GROUP_BYTE(block_q5_1, qh, 1, 3),
    GROUP_BYTE(block_q5_1, qh, 2, 2), GROUP_BYTE(block_q5_1, qh, 2, 3), GROUP_BYTE(block_q5_1, qh, 3, 2), GROUP_BYTE(block_q5_1, qh, 3, 3)};
_Static_assert(4 * sizeof(block_q5_1) <= 128 && 4 * sizeof(block_q4_1) <= 128, "4 blocks in the two loads of vpermt2b");

static inline __mmask64 byte_mask(int n) {
    return n >= 64 ? ~(__mmask64) 0 : n <= 0 ? 0 : (((__mmask64) 1 << n) - 1);
}

/*
 * Q4_0 (five 0, mins 0), Q5_0 (five 1), Q4_1 (mins 1) or Q5_1 (five 1, mins 1), bpb = the block size: all start
 * with d; Q4_1 and Q5_1 add the minimum m after it (value = d q + m: the product gains m dx sum(x)). With book
 * set (IQ4_NL, laid out as Q4_0), each nibble indexes the code book, shifted by 128 to unsigned (IQ4_BOOK_U8).
 */
_Static_assert(offsetof(block_q4_0, d) == 0 && offsetof(block_q5_0, d) == 0 && offsetof(block_q4_1, d) == 0
               && offsetof(block_q5_1, d) == 0, "the scale gather reads d at the block start");
_Static_assert(offsetof(block_q4_1, m) == 2 && offsetof(block_q5_1, m) == 2, "the minimum gather reads m after d");
static inline __attribute__((always_inline)) float row_nibbles_avx512(const uint8_t *row, int bpb, int five, int mins, int book,
                                const int8_t *xn, const float *xd, const int16_t *xs, int32_t blocks) {
    const __m512i gidx = _mm512_mullo_epi32(_mm512_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15),
                                            _mm512_set1_epi32(bpb));
    const __m512i quants = _mm512_load_si512(mins ? (five ? Q5_1_QUANTS : Q4_1_QUANTS) : (five ? Q5_0_QUANTS : Q4_0_QUANTS));
    const __m512i high = _mm512_load_si512(mins ? Q5_1_HIGH_BITS : Q5_0_HIGH_BITS);
    const __m512i low = _mm512_set1_epi8(0x0F), bit4 = _mm512_set1_epi8(0x10);
    const __m512i lut = iq4_book_u8();
    const float offset = book ? 128.0f : five ? 16.0f : 8.0f;
    __m512 acc = _mm512_setzero_ps();
    for (int32_t i = 0; i < blocks; i += 16) {
        int32_t nb = blocks - i < 16 ? blocks - i : 16;
        const uint8_t *b = row + (int64_t) i * bpb;
        __m512i d[4];
        for (int g = 0; g < 4; g++) {
            if (4 * g >= nb) {
                d[g] = _mm512_setzero_si512();
                continue;
            }
            const uint8_t *bg = b + 4 * g * bpb;
            int bytes = (nb - 4 * g < 4 ? nb - 4 * g : 4) * bpb;
            _mm_prefetch((const char *)(bg + PREFETCH_BYTES), _MM_HINT_T0);
            _mm_prefetch((const char *)(bg + PREFETCH_BYTES + 64), _MM_HINT_T0);
            __m512i z0, z1;
            if (bytes == 4 * bpb) {
                z0 = _mm512_loadu_si512(bg);
                z1 = _mm512_maskz_loadu_epi8(byte_mask(4 * bpb - 64), bg + 64);
            } else {
                z0 = _mm512_maskz_loadu_epi8(byte_mask(bytes), bg);
                z1 = _mm512_maskz_loadu_epi8(byte_mask(bytes - 64), bg + 64);
            }
            __m512i q = _mm512_permutex2var_epi8(z0, quants, z1);
            __m512i lo = _mm512_and_si512(q, low);
            __m512i hi = _mm512_and_si512(_mm512_srli_epi16(q, 4), low);
            if (book) {
                lo = _mm512_shuffle_epi8(lut, lo);
                hi = _mm512_shuffle_epi8(lut, hi);
            }
            if (five) {
                __m128i h = _mm512_castsi512_si128(_mm512_permutex2var_epi8(z0, high, z1));
                lo = _mm512_or_si512(lo, _mm512_maskz_mov_epi8((__mmask64) _mm_cvtsi128_si64(h), bit4));
                hi = _mm512_or_si512(hi, _mm512_maskz_mov_epi8((__mmask64) _mm_extract_epi64(h, 1), bit4));
            }
            const int8_t *x = xn + (int64_t) (i + 4 * g) * 32;
            d[g] = _mm512_dpbusd_epi32(_mm512_dpbusd_epi32(_mm512_setzero_si512(), lo, _mm512_loadu_si512(x)),
                                       hi, _mm512_loadu_si512(x + 64));
        }
        __mmask16 m = (__mmask16) ((1u << nb) - 1);
        __m512 sum = _mm512_cvtepi32_ps(reduce_16x4(d));
        __m512 sx = _mm512_cvtepi32_ps(_mm512_cvtepi16_epi32(_mm256_maskz_loadu_epi16(m, xs + i)));
        __m512 dw = _mm512_cvtph_ps(_mm512_cvtepi32_epi16(
                _mm512_mask_i32gather_epi32(_mm512_setzero_si512(), m, gidx, b, 1)));
        __m512 dx = _mm512_maskz_loadu_ps(m, xd + i);
        if (mins) {
            __m512 mw = _mm512_cvtph_ps(_mm512_cvtepi32_epi16(
                    _mm512_mask_i32gather_epi32(_mm512_setzero_si512(), m, gidx, b + 2, 1)));
            acc = _mm512_fmadd_ps(dx, _mm512_fmadd_ps(dw, sum, _mm512_mul_ps(mw, sx)), acc);
        } else {
            acc = _mm512_fmadd_ps(_mm512_mul_ps(dw, dx), _mm512_fnmadd_ps(sx, _mm512_set1_ps(offset), sum), acc);
        }
    }
    return _mm512_reduce_add_ps(acc);
}

/* ---- Q4_K, Q5_K: two blocks of 256 (16 sub-blocks of 32) per step ---------------------------- */

/*
 * The 6-bit scales and minimums of two Q4_K/Q5_K blocks from their 16-byte headers (128-bit lane k: block k,
 * dwords u0 u1 u2 = the 12 packed bytes after d and dmin): bytes 0-15 of the result are the 8 scales of
 * block 0 then of block 1, bytes 16-31 the minimums likewise.
 *   scales 0-3 = u0 & 63, minimums 0-3 = u1 & 63,
 *   scales 4-7 = (u2 & 15) | (u0 >> 6) << 4, minimums 4-7 = (u2 >> 4) | (u1 >> 6) << 4   (per byte)
 */
static inline __m512i k_scales_mins_x2(__m256i h) {
    __m256i a = _mm256_shuffle_epi32(h, _MM_SHUFFLE(3, 2, 3, 1));                 /* u0 u2 u1 u2 */
    __m256i b = _mm256_shuffle_epi32(h, _MM_SHUFFLE(2, 2, 1, 1));                 /* u0 u0 u1 u1 */
    a = _mm256_and_si256(_mm256_srlv_epi32(a, _mm256_setr_epi32(0, 0, 0, 4, 0, 0, 0, 4)),
                         _mm256_setr_epi32(0x3F3F3F3F, 0x0F0F0F0F, 0x3F3F3F3F, 0x0F0F0F0F, 0x3F3F3F3F, 0x0F0F0F0F, 0x3F3F3F3F, 0x0F0F0F0F));
    b = _mm256_and_si256(_mm256_srli_epi32(b, 2), _mm256_setr_epi32(0, 0x30303030, 0, 0x30303030, 0, 0x30303030, 0, 0x30303030));
    __m256i sm = _mm256_permute4x64_epi64(_mm256_or_si256(a, b), _MM_SHUFFLE(3, 1, 2, 0)); /* sc0 sc1 m0 m1 */
    return _mm512_castsi256_si512(sm);
}

/*
 * The four products of one Q4_K (qh NULL) or Q5_K block on activations in paired order (x: sub-blocks
 * 0 2 1 3 4 6 5 7, see QuantizedVector.nibbleOrder): a 64-byte load of quants holds sub-blocks 4h..4h+3,
 * its low nibbles are 4h and 4h+2, its high nibbles 4h+1 and 4h+3. Vector 2h+k covers sub-blocks
 * 4h+k and 4h+k+2.
 */
static inline void q45_k_products(const uint8_t *qs, const uint8_t *qh, const int8_t *x, __m512i *d) {
    const __m512i low = _mm512_set1_epi8(0x0F), bit4 = _mm512_set1_epi8(0x10);
    __m512i hb = qh ? _mm512_broadcast_i64x4(_mm256_loadu_si256((const __m256i *) qh)) : _mm512_setzero_si512();
    for (int h = 0; h < 2; h++) {
        __m512i q = _mm512_loadu_si512(qs + h * 64);
        __m512i lo = _mm512_and_si512(q, low);
        __m512i hi = _mm512_and_si512(_mm512_srli_epi16(q, 4), low);
        if (qh) {
            int s = 4 * h;
            lo = _mm512_or_si512(lo, _mm512_maskz_mov_epi8(_mm512_test_epi8_mask(hb, _mm512_inserti64x4(
                    _mm512_set1_epi8((char) (1 << s)), _mm256_set1_epi8((char) (1 << (s + 2))), 1)), bit4));
            hi = _mm512_or_si512(hi, _mm512_maskz_mov_epi8(_mm512_test_epi8_mask(hb, _mm512_inserti64x4(
                    _mm512_set1_epi8((char) (1 << (s + 1))), _mm256_set1_epi8((char) (1 << (s + 3))), 1)), bit4));
        }
        d[2 * h] = _mm512_dpbusd_epi32(_mm512_setzero_si512(), lo, _mm512_loadu_si512(x + h * 128));
        d[2 * h + 1] = _mm512_dpbusd_epi32(_mm512_setzero_si512(), hi, _mm512_loadu_si512(x + h * 128 + 64));
    }
}

/* Vector v of q45_k_products holds sub-blocks (0,2) (1,3) (4,6) (5,7): reduce_16x8 into sub-block order. */
#define SUB_BLOCK_ORDER _mm512_setr_epi32(0, 1, 4, 5, 2, 3, 6, 7, 8, 9, 12, 13, 10, 11, 14, 15)

/* Q4_K and Q5_K share their 16-byte header (d, dmin, scales), which the kernel below loads as one vector. */
_Static_assert(offsetof(block_q4_K, d) == 0 && offsetof(block_q4_K, dmin) == 2 && offsetof(block_q4_K, scales) == 4
               && offsetof(block_q5_K, d) == 0 && offsetof(block_q5_K, dmin) == 2 && offsetof(block_q5_K, scales) == 4,
               "the K-quant header d, dmin, scales[12]");

/* Q4_K (qh_off 0) or Q5_K: blocks of bpb bytes, quants at qs_off, fifth bits at qh_off. */
static float row_q45_k_avx512(const uint8_t *row, int bpb, int qs_off, int qh_off, const int8_t *xn,
                              const float *xd, const int16_t *xs, int32_t blocks) {
    __m512 acc = _mm512_setzero_ps();
    for (int32_t i = 0; i < blocks; i += 2) {
        int two = i + 1 < blocks;
        const uint8_t *b0 = row + (int64_t) i * bpb, *b1 = b0 + bpb;
        for (int o = 0; o < 2 * bpb; o += 64) {
            _mm_prefetch((const char *)(b0 + PREFETCH_BYTES + o), _MM_HINT_T0);
        }
        __m512i d[8];
        q45_k_products(b0 + qs_off, qh_off ? b0 + qh_off : NULL, xn + i * 256, d);
        if (two) {
            q45_k_products(b1 + qs_off, qh_off ? b1 + qh_off : NULL, xn + i * 256 + 256, d + 4);
        } else {
            d[4] = d[5] = d[6] = d[7] = _mm512_setzero_si512();
        }
        /* the 16-byte headers of both blocks: F16 d and dmin, then the 12 bytes of 6-bit scales and minimums */
        __m128i h0 = _mm_loadu_si128((const __m128i *) b0);
        __m128i h1 = two ? _mm_loadu_si128((const __m128i *) b1) : _mm_setzero_si128();
        __m128 dm = _mm_cvtph_ps(_mm_unpacklo_epi32(h0, h1));                      /* d0 dmin0 d1 dmin1 */
        __m128 xv = _mm_maskz_loadu_ps(two ? 3 : 1, xd + i);
        dm = _mm_mul_ps(dm, _mm_unpacklo_ps(xv, xv));
        __m512 dv = _mm512_permutexvar_ps(_mm512_setr_epi32(0, 0, 0, 0, 0, 0, 0, 0, 2, 2, 2, 2, 2, 2, 2, 2), _mm512_castps128_ps512(dm));
        __m512 mv = _mm512_permutexvar_ps(_mm512_setr_epi32(1, 1, 1, 1, 1, 1, 1, 1, 3, 3, 3, 3, 3, 3, 3, 3), _mm512_castps128_ps512(dm));
        __m512i sm = k_scales_mins_x2(_mm256_set_m128i(h1, h0));
        __m512 sc = _mm512_cvtepi32_ps(_mm512_cvtepu8_epi32(_mm512_castsi512_si128(sm)));
        __m512 mn = _mm512_cvtepi32_ps(_mm512_cvtepu8_epi32(_mm512_extracti32x4_epi32(sm, 1)));
        /* activation sums of each sub-block of 32: pairs of the sums of 16 */
        __m512i s16 = _mm512_maskz_loadu_epi16(two ? 0xFFFFFFFFu : 0xFFFFu, xs + i * 16);
        __m512 bsum = _mm512_cvtepi32_ps(_mm512_madd_epi16(s16, _mm512_set1_epi16(1)));
        __m512 sum = _mm512_cvtepi32_ps(reduce_16x8_to(d, SUB_BLOCK_ORDER));
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
        const block_q6_K *b = (const block_q6_K *) row + i;
        for (int o = 0; o < (int) sizeof(block_q6_K); o += 64) {
            _mm_prefetch((const char *) b + PREFETCH_BYTES + o, _MM_HINT_T0);
        }
        const int8_t *x = xq + i * 256;
        __m512i d[4];
        for (int half = 0; half < 2; half++) {
            __m512i ql = _mm512_loadu_si512(b->ql + half * 64);
            __m256i h = _mm256_loadu_si256((const __m256i *)(b->qh + half * 32));
            __m512i qh = _mm512_inserti64x4(_mm512_castsi256_si512(h), _mm256_srli_epi16(h, 2), 1);
            __m512i lo = _mm512_or_si512(_mm512_and_si512(ql, low), _mm512_slli_epi16(_mm512_and_si512(qh, three), 4));
            __m512i hi = _mm512_or_si512(_mm512_and_si512(_mm512_srli_epi16(ql, 4), low),
                                         _mm512_slli_epi16(_mm512_and_si512(_mm512_srli_epi16(qh, 4), three), 4));
            d[2 * half] = _mm512_dpbusd_epi32(_mm512_setzero_si512(), lo, _mm512_loadu_si512(x + half * 128));
            d[2 * half + 1] = _mm512_dpbusd_epi32(_mm512_setzero_si512(), hi, _mm512_loadu_si512(x + half * 128 + 64));
        }
        __m512 sum = _mm512_cvtepi32_ps(reduce_16x4(d));
        __m512 bsum = _mm512_cvtepi32_ps(_mm512_cvtepi16_epi32(_mm256_loadu_si256((const __m256i *)(xs + i * 16))));
        __m512 sc = _mm512_cvtepi32_ps(_mm512_cvtepi8_epi32(_mm_loadu_si128((const __m128i *) b->scales)));
        __m512 t = _mm512_mul_ps(_mm512_fnmadd_ps(bsum, _mm512_set1_ps(32.0f), sum), sc);
        acc = _mm512_fmadd_ps(t, _mm512_set1_ps(_cvtsh_ss(b->d) * xd[i]), acc);
    }
    return _mm512_reduce_add_ps(acc);
}

/*
 * Q2_K and Q3_K: the 256-bit kernels of catena_kernels_k23.h, compiled again in this section by catena_kernels.c
 * (on Zen 4 they beat a 512-bit version of the same steps - vpermw to place the scales, vpdpwssd - by 30 %).
 */

EXPORT KERNEL(catena_q8_0_avx512vnni) {
    for (int32_t r = r0; r < r1; r++) out[r] = row_q8_0_avx512(w + r * row_bytes, xq, xd, xsum, blocks);
}

EXPORT KERNEL(catena_q4_0_avx512vnni) {
    for (int32_t r = r0; r < r1; r++) out[r] = row_nibbles_avx512(w + r * row_bytes, sizeof(block_q4_0), 0, 0, 0, xn, xd, xsum, blocks);
}

EXPORT KERNEL(catena_q5_0_avx512vnni) {
    for (int32_t r = r0; r < r1; r++) out[r] = row_nibbles_avx512(w + r * row_bytes, sizeof(block_q5_0), 1, 0, 0, xn, xd, xsum, blocks);
}

EXPORT KERNEL(catena_q4_1_avx512vnni) {
    for (int32_t r = r0; r < r1; r++) out[r] = row_nibbles_avx512(w + r * row_bytes, sizeof(block_q4_1), 0, 1, 0, xn, xd, xsum, blocks);
}

EXPORT KERNEL(catena_q5_1_avx512vnni) {
    for (int32_t r = r0; r < r1; r++) out[r] = row_nibbles_avx512(w + r * row_bytes, sizeof(block_q5_1), 1, 1, 0, xn, xd, xsum, blocks);
}

_Static_assert(sizeof(block_iq4_nl) == sizeof(block_q4_0) && offsetof(block_iq4_nl, d) == offsetof(block_q4_0, d)
               && offsetof(block_iq4_nl, qs) == offsetof(block_q4_0, qs), "IQ4_NL is read with Q4_0's byte tables");

EXPORT KERNEL(catena_iq4_nl_avx512vnni) {
    for (int32_t r = r0; r < r1; r++) out[r] = row_nibbles_avx512(w + r * row_bytes, sizeof(block_iq4_nl), 0, 0, 1, xn, xd, xsum, blocks);
}

/*
 * IQ4_XS: two blocks of 256 per step. A 64-byte load of quants holds sub-blocks 4h..4h+3 (16 bytes each): its
 * low nibbles are their first 16 values, its high nibbles their last 16, one sub-block per 128-bit lane; two
 * 128-bit shuffles put the activations (in plain order) in the same lanes. The 6-bit sub-block scales come out
 * of scales_l and scales_h with two pdep, one byte per sub-block.
 */
static float row_iq4_xs_avx512(const uint8_t *row, const int8_t *xq, const float *xd, const int16_t *xs, int32_t blocks) {
    const __m512i low = _mm512_set1_epi8(0x0F), lut = iq4_book_u8();
    __m512 acc = _mm512_setzero_ps();
    for (int32_t i = 0; i < blocks; i += 2) {
        int two = i + 1 < blocks;
        const block_iq4_xs *b = (const block_iq4_xs *) row + i;
        for (int o = 0; o < 2 * (int) sizeof(block_iq4_xs); o += 64) {
            _mm_prefetch((const char *) b + PREFETCH_BYTES + o, _MM_HINT_T0);
        }
        __m512i d[4];
        uint64_t ls[2] = {0, 0};
        for (int k = 0; k < 2; k++) {
            if (k == 1 && !two) {
                d[2] = d[3] = _mm512_setzero_si512();
                break;
            }
            ls[k] = _pdep_u64(rd32(b[k].scales_l), 0x0F0F0F0F0F0F0F0FULL) | _pdep_u64(b[k].scales_h, 0x3030303030303030ULL);
            const int8_t *x = xq + (int64_t) (i + k) * 256;
            for (int h = 0; h < 2; h++) {
                __m512i q = _mm512_loadu_si512(b[k].qs + 64 * h);
                __m512i x0 = _mm512_loadu_si512(x + 128 * h), x1 = _mm512_loadu_si512(x + 128 * h + 64);
                __m512i xlo = _mm512_shuffle_i64x2(x0, x1, _MM_SHUFFLE(2, 0, 2, 0));
                __m512i xhi = _mm512_shuffle_i64x2(x0, x1, _MM_SHUFFLE(3, 1, 3, 1));
                __m512i lo = _mm512_shuffle_epi8(lut, _mm512_and_si512(q, low));
                __m512i hi = _mm512_shuffle_epi8(lut, _mm512_and_si512(_mm512_srli_epi16(q, 4), low));
                d[2 * k + h] = _mm512_dpbusd_epi32(_mm512_dpbusd_epi32(_mm512_setzero_si512(), lo, xlo), hi, xhi);
            }
        }
        __m512 sum = _mm512_cvtepi32_ps(reduce_16x4(d));
        __m512 sc = _mm512_cvtepi32_ps(_mm512_sub_epi32(_mm512_cvtepu8_epi32(_mm_set_epi64x((long long) ls[1], (long long) ls[0])),
                                                        _mm512_set1_epi32(32)));
        /* activation sums of each sub-block of 32: pairs of the sums of 16 */
        __m512i s16 = _mm512_maskz_loadu_epi16(two ? 0xFFFFFFFFu : 0xFFFFu, xs + (int64_t) i * 16);
        __m512 bsum = _mm512_cvtepi32_ps(_mm512_madd_epi16(s16, _mm512_set1_epi16(1)));
        float d0 = _cvtsh_ss(b[0].d) * xd[i], d1 = two ? _cvtsh_ss(b[1].d) * xd[i + 1] : 0.0f;
        __m512 dv = _mm512_mask_blend_ps(0xFF00, _mm512_set1_ps(d0), _mm512_set1_ps(d1));
        acc = _mm512_fmadd_ps(_mm512_mul_ps(_mm512_fnmadd_ps(bsum, _mm512_set1_ps(128.0f), sum), sc), dv, acc);
    }
    return _mm512_reduce_add_ps(acc);
}

EXPORT KERNEL(catena_iq4_xs_avx512vnni) {
    (void) xn;
    for (int32_t r = r0; r < r1; r++) out[r] = row_iq4_xs_avx512(w + r * row_bytes, xq, xd, xsum, blocks);
}

EXPORT KERNEL(catena_q4_k_avx512vnni) {
    for (int32_t r = r0; r < r1; r++) out[r] = row_q45_k_avx512(w + r * row_bytes, sizeof(block_q4_K), offsetof(block_q4_K, qs), 0, xn, xd, xsum, blocks);
}

EXPORT KERNEL(catena_q5_k_avx512vnni) {
    for (int32_t r = r0; r < r1; r++) out[r] = row_q45_k_avx512(w + r * row_bytes, sizeof(block_q5_K), offsetof(block_q5_K, qs), offsetof(block_q5_K, qh), xn, xd, xsum, blocks);
}

EXPORT KERNEL(catena_q6_k_avx512vnni) {
    for (int32_t r = r0; r < r1; r++) out[r] = row_q6_k_avx512(w + r * row_bytes, xq, xd, xsum, blocks);
}

/* ---- Batched products (prompt prefill): a tiled GEMM ------------------------------------------ */
/*
 * A tile of 16 weight rows is unpacked once into unsigned bytes laid out for vpdpbusd - for every 4
 * consecutive columns, 16 rows x 4 bytes in one 64-byte vector - with one scale s and one offset term
 * b per row and group of G columns (the weight is s * u - b). Every activation vector then runs over the
 * tile: each vpdpbusd multiplies 16 rows by 4 broadcast activation bytes (64 products), and once per
 * group the 16 integer sums are scaled: out += dx * (s * sum - b * sum(x)).
 */

/* Transposes 16 rows of 16 int32 (r[i] = row i) into columns (r[j] lane i = old row i lane j). */
static inline void transpose_16x16(__m512i r[16]) {
    __m512i a[16], b[16];
    for (int k = 0; k < 8; k++) {
        a[2 * k] = _mm512_unpacklo_epi32(r[2 * k], r[2 * k + 1]);
        a[2 * k + 1] = _mm512_unpackhi_epi32(r[2 * k], r[2 * k + 1]);
    }
    for (int k = 0; k < 4; k++) {
        b[4 * k] = _mm512_unpacklo_epi64(a[4 * k], a[4 * k + 2]);
        b[4 * k + 1] = _mm512_unpackhi_epi64(a[4 * k], a[4 * k + 2]);
        b[4 * k + 2] = _mm512_unpacklo_epi64(a[4 * k + 1], a[4 * k + 3]);
        b[4 * k + 3] = _mm512_unpackhi_epi64(a[4 * k + 1], a[4 * k + 3]);
    }
    /* b[4k+c], 128-bit lane L: column 4L+c of rows 4k..4k+3 */
    for (int c = 0; c < 4; c++) {
        __m512i x0 = _mm512_shuffle_i32x4(b[c], b[4 + c], _MM_SHUFFLE(1, 0, 1, 0));
        __m512i x1 = _mm512_shuffle_i32x4(b[c], b[4 + c], _MM_SHUFFLE(3, 2, 3, 2));
        __m512i x2 = _mm512_shuffle_i32x4(b[8 + c], b[12 + c], _MM_SHUFFLE(1, 0, 1, 0));
        __m512i x3 = _mm512_shuffle_i32x4(b[8 + c], b[12 + c], _MM_SHUFFLE(3, 2, 3, 2));
        r[c] = _mm512_shuffle_i32x4(x0, x2, _MM_SHUFFLE(2, 0, 2, 0));
        r[4 + c] = _mm512_shuffle_i32x4(x0, x2, _MM_SHUFFLE(3, 1, 3, 1));
        r[8 + c] = _mm512_shuffle_i32x4(x1, x3, _MM_SHUFFLE(2, 0, 2, 0));
        r[12 + c] = _mm512_shuffle_i32x4(x1, x3, _MM_SHUFFLE(3, 1, 3, 1));
    }
}

/* Unsigned values of columns 64c..64c+63 of a row, in column order. */
static inline __attribute__((always_inline)) __m512i unpack_chunk(int type, const uint8_t *row, int c) {
    switch (type) {
    case T_Q8_0: return q8_0_pair((const block_q8_0 *) row + 2 * c, 1);
    case T_Q4_0: return q4_0_pair((const block_q4_0 *) row + 2 * c, 1);
    case T_Q5_0: return q5_0_pair((const block_q5_0 *) row + 2 * c, 1);
    case T_Q4_1: return q4_1_pair((const block_q4_1 *) row + 2 * c, 1);
    case T_Q5_1: return q5_1_pair((const block_q5_1 *) row + 2 * c, 1);
    case T_IQ4_NL: {
        const block_iq4_nl *b = (const block_iq4_nl *) row + 2 * c;
        return _mm512_shuffle_epi8(iq4_book_u8(), nibbles_x2(b[0].qs, b[1].qs));
    }
    case T_IQ4_XS: {
        /* 64 columns = sub-blocks 2p and 2p + 1 of block c / 4: 32 quant bytes, 16 per sub-block */
        const uint8_t *qs = ((const block_iq4_xs *) row + (c >> 2))->qs + 32 * (c & 3);
        return _mm512_shuffle_epi8(iq4_book_u8(), nibbles_x2(qs, qs + 16));
    }
    case T_Q2_K:
    case T_Q3_K: {
        /* 64 columns = runs j0 and j0 + 1 of one half: the 32 quant bytes at shifts 2 j0 and 2 j0 + 2 */
        int k3 = type == T_Q3_K, p = c & 3, half = p >> 1, j0 = 2 * (p & 1);
        const uint8_t *qs = k3 ? ((const block_q3_K *) row + (c >> 2))->qs : ((const block_q2_K *) row + (c >> 2))->qs;
        __m256i q = _mm256_srl_epi16(_mm256_loadu_si256((const __m256i *)(qs + half * 32)), _mm_cvtsi32_si128(2 * j0));
        __m512i z = _mm512_and_si512(_mm512_inserti64x4(_mm512_castsi256_si512(q), _mm256_srli_epi16(q, 2), 1),
                                     _mm512_set1_epi8(3));
        if (k3) {
            __m512i hb = _mm512_broadcast_i64x4(_mm256_loadu_si256((const __m256i *) ((const block_q3_K *) row + (c >> 2))->hmask));
            int bit = 4 * half + j0;
            __m512i m = _mm512_inserti64x4(_mm512_set1_epi8((char) (1 << bit)), _mm256_set1_epi8((char) (1 << (bit + 1))), 1);
            z = _mm512_or_si512(z, _mm512_maskz_mov_epi8(_mm512_test_epi8_mask(hb, m), _mm512_set1_epi8(4)));
        }
        return z;
    }
    case T_Q4_K:
    case T_Q5_K: {
        int k5 = type == T_Q5_K;
        const block_q5_K *b5 = (const block_q5_K *) row + (c >> 2);
        const uint8_t *qs = k5 ? b5->qs : ((const block_q4_K *) row + (c >> 2))->qs;
        int p = c & 3;
        __m256i q = _mm256_loadu_si256((const __m256i *)(qs + p * 32));
        __m512i z = _mm512_and_si512(_mm512_inserti64x4(_mm512_castsi256_si512(q), _mm256_srli_epi16(q, 4), 1),
                                     _mm512_set1_epi8(0x0F));
        if (k5) {
            __m512i hb = _mm512_broadcast_i64x4(_mm256_loadu_si256((const __m256i *) b5->qh));
            __m512i bit = _mm512_inserti64x4(_mm512_set1_epi8((char) (1 << (2 * p))), _mm256_set1_epi8((char) (1 << (2 * p + 1))), 1);
            z = _mm512_or_si512(z, _mm512_maskz_mov_epi8(_mm512_test_epi8_mask(hb, bit), _mm512_set1_epi8(0x10)));
        }
        return z;
    }
    default: { /* T_Q6_K */
        const block_q6_K *b = (const block_q6_K *) row + (c >> 2);
        int half = (c & 3) >> 1, hi = c & 1;
        __m512i ql = _mm512_loadu_si512(b->ql + half * 64);
        __m256i h = _mm256_loadu_si256((const __m256i *)(b->qh + half * 32));
        __m512i qh = _mm512_inserti64x4(_mm512_castsi256_si512(h), _mm256_srli_epi16(h, 2), 1);
        if (hi) {
            ql = _mm512_srli_epi16(ql, 4);
            qh = _mm512_srli_epi16(qh, 4);
        }
        return _mm512_or_si512(_mm512_and_si512(ql, _mm512_set1_epi8(0x0F)),
                               _mm512_slli_epi16(_mm512_and_si512(qh, _mm512_set1_epi8(3)), 4));
    }
    }
}

/*
 * Unpacks tile t of repacked weights (catena_tiles.h; groups of 32 columns) into the GEMM's tile: unsigned
 * values, 16 rows x 4 columns per 64 bytes, and the scale and offset term of each group and row.
 */
static inline __attribute__((always_inline)) void gemm_unpack_tile(int type, const uint8_t *w, int32_t t, int32_t groups, uint8_t *tile, float *ts, float *tb) {
    const __m512i low = _mm512_set1_epi8(0x0F), lut = iq4_book_u8();
    if (type == T_IQ4_XSX16) {
        const uint8_t *p = w + (int64_t) t * (groups / 8) * X16_IQ4_XS_BYTES;
        for (int32_t i = 0; i < groups / 8; i++, p += X16_IQ4_XS_BYTES) {
            __m512 d = _mm512_cvtph_ps(_mm256_loadu_si256((const __m256i *) p));
            for (int s = 0; s < 8; s++) {
                int32_t g = 8 * i + s;
                __m512 sg = _mm512_mul_ps(d, _mm512_cvtepi32_ps(_mm512_cvtepi8_epi32(
                        _mm_loadu_si128((const __m128i *)(p + X16_IQ4_XS_SCALES + 16 * s)))));
                _mm512_store_ps(ts + g * 16, sg);
                _mm512_store_ps(tb + g * 16, _mm512_mul_ps(sg, _mm512_set1_ps(128.0f)));
                for (int c = 0; c < 4; c++) {
                    __m512i q = _mm512_loadu_si512(p + X16_IQ4_XS_QUANTS + 64 * (4 * s + c));
                    _mm512_store_si512(tile + ((int64_t) g * 8 + c) * 64, _mm512_shuffle_epi8(lut, _mm512_and_si512(q, low)));
                    _mm512_store_si512(tile + ((int64_t) g * 8 + 4 + c) * 64,
                                       _mm512_shuffle_epi8(lut, _mm512_and_si512(_mm512_srli_epi16(q, 4), low)));
                }
            }
        }
        return;
    }
    int bpb = type == T_Q8_0X16 ? sizeof(block_q8_0) : sizeof(block_q4_0);
    float offset = type == T_Q4_0X16 ? 8.0f : 128.0f;
    const uint8_t *p = w + (int64_t) t * groups * 16 * bpb;
    for (int32_t i = 0; i < groups; i++, p += 16 * bpb) {
        __m512 s16 = _mm512_cvtph_ps(_mm256_loadu_si256((const __m256i *) p));
        _mm512_store_ps(ts + i * 16, s16);
        _mm512_store_ps(tb + i * 16, _mm512_mul_ps(s16, _mm512_set1_ps(offset)));
        for (int c = 0; c < (bpb - (int) sizeof(ggml_half)) / 4; c++) {
            __m512i q = _mm512_loadu_si512(p + 32 + 64 * c);
            if (type == T_Q8_0X16) {
                _mm512_store_si512(tile + ((int64_t) i * 8 + c) * 64, _mm512_xor_si512(q, _mm512_set1_epi8((char) 0x80)));
                continue;
            }
            __m512i lo = _mm512_and_si512(q, low), hi = _mm512_and_si512(_mm512_srli_epi16(q, 4), low);
            if (type == T_IQ4_NLX16) {
                lo = _mm512_shuffle_epi8(lut, lo);
                hi = _mm512_shuffle_epi8(lut, hi);
            }
            _mm512_store_si512(tile + ((int64_t) i * 8 + c) * 64, lo);
            _mm512_store_si512(tile + ((int64_t) i * 8 + 4 + c) * 64, hi);
        }
    }
}

#define GEMM_VECTORS 4

/*
 * out[v * out_stride + (r - r0)] = row r of w . vector v for r0 <= r < r1 and v < nvec. Vector v is at
 * xq[v] (int8 values), xd[v] (one scale per activation block of ablock values) and xs[v] (int16 sums, one
 * per asum values). columns must be a multiple of 64. Inlined into each export (with the helpers it calls),
 * so that the switches on the constant type fold away in each type's copy.
 */
static inline __attribute__((always_inline)) void gemm(int type, const uint8_t *w, int64_t row_bytes, int32_t columns, int32_t nvec,
                 const int64_t *xq, const int64_t *xd, const int64_t *xs, int ablock, int asum,
                 float *out, int32_t out_stride, int32_t r0, int32_t r1) {
    gemm_work k = gemm_work_new_avx512vnni(type, columns, nvec, xd, xs, ablock, asum);
    const int G = gemm_group(type); /* a constant in each export's copy */
    int32_t groups = k.groups;
    uint8_t *tile = k.tile;
    float *ts = k.ts, *tb = k.tb, *dx = k.dx, *sx = k.sx;
    int repacked = type >= T_Q4_0X16;
    for (int32_t t0 = repacked ? r0 / 16 * 16 : r0; t0 < r1; t0 += 16) {
        int rows = repacked ? 16 : r1 - t0 < 16 ? r1 - t0 : 16;
        if (repacked) {
            gemm_unpack_tile(type, w, t0 / 16, groups, tile, ts, tb);
        } else for (int c = 0; c < columns / 64; c++) {
            __m512i z[16];
            for (int i = 0; i < 16; i++) {
                z[i] = i < rows ? unpack_chunk(type, w + (int64_t) (t0 + i) * row_bytes, c) : _mm512_setzero_si512();
            }
            transpose_16x16(z);
            for (int j = 0; j < 16; j++) _mm512_store_si512(tile + ((int64_t) c * 16 + j) * 64, z[j]);
        }
        for (int i = 0; i < 16 && !repacked; i++) {
            if (i < rows) {
                gemm_row_scales_avx512vnni(type, 0, w + (int64_t) (t0 + i) * row_bytes, groups, ts + i, tb + i, 16);
            } else {
                for (int32_t g = 0; g < groups; g++) ts[g * 16 + i] = tb[g * 16 + i] = 0.0f;
            }
        }
        int32_t first = t0 < r0 ? r0 : t0, end = t0 + rows < r1 ? t0 + rows : r1;
        for (int32_t v0 = 0; v0 < nvec; v0 += GEMM_VECTORS) {
            int nv = nvec - v0 < GEMM_VECTORS ? nvec - v0 : GEMM_VECTORS;
            const int8_t *x[GEMM_VECTORS];
            for (int v = 0; v < GEMM_VECTORS; v++) x[v] = (const int8_t *) (intptr_t) xq[v0 + (v < nv ? v : 0)];
            __m512 acc[GEMM_VECTORS];
            for (int v = 0; v < GEMM_VECTORS; v++) acc[v] = _mm512_setzero_ps();
            for (int32_t g = 0; g < groups; g++) {
                __m512i isum[GEMM_VECTORS];
                for (int v = 0; v < GEMM_VECTORS; v++) isum[v] = _mm512_setzero_si512();
                const uint8_t *u = tile + (int64_t) g * G * 16;
                for (int k = 0; k < G; k += 4, u += 64) {
                    __m512i wu = _mm512_load_si512(u);
                    for (int v = 0; v < GEMM_VECTORS; v++) {
                        int32_t x4;
                        memcpy(&x4, x[v] + g * G + k, 4);
                        isum[v] = _mm512_dpbusd_epi32(isum[v], wu, _mm512_set1_epi32(x4));
                    }
                }
                __m512 s = _mm512_load_ps(ts + g * 16), b = _mm512_load_ps(tb + g * 16);
                for (int v = 0; v < GEMM_VECTORS; v++) {
                    int vv = v0 + (v < nv ? v : 0);
                    __m512 t = _mm512_fmsub_ps(_mm512_cvtepi32_ps(isum[v]), s,
                                               _mm512_mul_ps(b, _mm512_set1_ps(sx[vv * groups + g])));
                    acc[v] = _mm512_fmadd_ps(t, _mm512_set1_ps(dx[vv * groups + g]), acc[v]);
                }
            }
            for (int v = 0; v < nv; v++) {
                float res[16];
                _mm512_storeu_ps(res, acc[v]);
                memcpy(out + (int64_t) (v0 + v) * out_stride + (first - r0), res + (first - t0), (size_t) (end - first) * sizeof(float));
            }
        }
    }
    gemm_work_free_avx512vnni(&k);
}

#define GEMM_EXPORT(tname, type, ablock, asum)                                                              \
EXPORT void catena_gemm_##tname##_avx512vnni(const uint8_t *w, int64_t row_bytes, int32_t columns, int32_t nvec,    \
        const int64_t *xq, const int64_t *xd, const int64_t *xs, float *out, int32_t out_stride, int32_t r0, int32_t r1) { \
    gemm(type, w, row_bytes, columns, nvec, xq, xd, xs, ablock, asum, out, out_stride, r0, r1);               \
}

GEMM_TYPES(GEMM_EXPORT)

/*
 * F32, F16, BF16 batches (float activations, xq[v] a float pointer): as the integer GEMM, a tile of 16 rows is
 * widened to floats once and transposed (16 rows per column in one vector), then each vector runs over it:
 * one FMA per column multiplies 16 rows by a broadcast activation, eight vectors at a time in eight chains,
 * with no horizontal sums.
 */
static inline __m512 load16_float(const uint8_t *row, int type, int32_t j, __mmask16 m) {
    switch (type) {
    case FL_F32: return _mm512_maskz_loadu_ps(m, (const float *) row + j);
    case FL_F16: return _mm512_cvtph_ps(_mm256_maskz_loadu_epi16(m, (const uint16_t *) row + j));
    default: return _mm512_castsi512_ps(_mm512_slli_epi32(_mm512_cvtepu16_epi32(_mm256_maskz_loadu_epi16(m, (const uint16_t *) row + j)), 16));
    }
}

#define GEMM_FLOAT_VECTORS 8

static void gemm_float(int type, const uint8_t *w, int64_t row_bytes, int32_t columns, int32_t nvec, const int64_t *xq,
                       float *out, int32_t out_stride, int32_t r0, int32_t r1) {
    int32_t padded = (columns + 15) / 16 * 16;
    float *tile = aligned_alloc(64, (size_t) padded * 16 * sizeof(float));
    for (int32_t t0 = r0; t0 < r1; t0 += 16) {
        int rows = r1 - t0 < 16 ? r1 - t0 : 16;
        for (int32_t k0 = 0; k0 < columns; k0 += 16) {
            __mmask16 m = columns - k0 >= 16 ? 0xFFFF : (__mmask16) ((1u << (columns - k0)) - 1);
            __m512i z[16];
            for (int i = 0; i < 16; i++) {
                z[i] = i < rows ? _mm512_castps_si512(load16_float(w + (t0 + i) * row_bytes, type, k0, m)) : _mm512_setzero_si512();
            }
            transpose_16x16(z);
            for (int j = 0; j < 16; j++) _mm512_store_si512(tile + (int64_t) (k0 + j) * 16, z[j]);
        }
        __mmask16 keep = (__mmask16) (0xFFFFu >> (16 - rows));
        for (int32_t v0 = 0; v0 < nvec; v0 += GEMM_FLOAT_VECTORS) {
            int nv = nvec - v0 < GEMM_FLOAT_VECTORS ? nvec - v0 : GEMM_FLOAT_VECTORS;
            const float *x[GEMM_FLOAT_VECTORS];
            __m512 acc[GEMM_FLOAT_VECTORS];
            for (int v = 0; v < GEMM_FLOAT_VECTORS; v++) {
                x[v] = (const float *) (intptr_t) xq[v0 + (v < nv ? v : 0)];
                acc[v] = _mm512_setzero_ps();
            }
            for (int32_t k = 0; k < columns; k++) {
                __m512 t = _mm512_load_ps(tile + (int64_t) k * 16);
                for (int v = 0; v < GEMM_FLOAT_VECTORS; v++) acc[v] = _mm512_fmadd_ps(t, _mm512_set1_ps(x[v][k]), acc[v]);
            }
            for (int v = 0; v < nv; v++) {
                _mm512_mask_storeu_ps(out + (int64_t) (v0 + v) * out_stride + (t0 - r0), keep, acc[v]);
            }
        }
    }
    free(tile);
}

#define GEMM_FLOAT_EXPORT(name, type)                                                                   \
EXPORT void name(const uint8_t *w, int64_t row_bytes, int32_t columns, int32_t nvec, const int64_t *xq,   \
                 const int64_t *xd, const int64_t *xs, float *out, int32_t out_stride, int32_t r0, int32_t r1) { \
    (void) xd; (void) xs;                                                                               \
    gemm_float(type, w, row_bytes, columns, nvec, xq, out, out_stride, r0, r1);                         \
}

GEMM_FLOAT_EXPORT(catena_gemm_f32_avx512vnni, FL_F32)
GEMM_FLOAT_EXPORT(catena_gemm_f16_avx512vnni, FL_F16)

/*
 * BF16 batches on a CPU with AVX512_BF16: the activations come rounded to BF16 (ActivationFormat.BF16), so
 * they convert to BF16 exactly; a tile of 16 rows stays BF16, transposed to one 32-bit column pair per row
 * and lane, and each vdpbf16ps multiplies 16 rows by a broadcast activation pair (32 products, twice an
 * FMA's). Without AVX512_BF16 the float GEMM above.
 */
__attribute__((target("avx512bf16")))
static void gemm_bf16_pairs(const uint8_t *w, int64_t row_bytes, int32_t columns, int32_t nvec, const int64_t *xq,
                            float *out, int32_t out_stride, int32_t r0, int32_t r1) {
    int32_t padded = (columns + 31) / 32 * 32, pairs = padded / 2;
    uint32_t *tile = aligned_alloc(64, (size_t) pairs * 16 * sizeof(uint32_t));
    uint32_t *xp = aligned_alloc(64, (size_t) nvec * pairs * sizeof(uint32_t));
    for (int32_t v = 0; v < nvec; v++) {
        const float *x = (const float *) (intptr_t) xq[v];
        for (int32_t k0 = 0; k0 < padded; k0 += 32) {
            __mmask16 m0 = columns - k0 >= 16 ? 0xFFFF : columns - k0 <= 0 ? 0 : (__mmask16) ((1u << (columns - k0)) - 1);
            __mmask16 m1 = columns - k0 - 16 >= 16 ? 0xFFFF : columns - k0 - 16 <= 0 ? 0 : (__mmask16) ((1u << (columns - k0 - 16)) - 1);
            __m512bh b = _mm512_cvtne2ps_pbh(_mm512_maskz_loadu_ps(m1, x + k0 + 16), _mm512_maskz_loadu_ps(m0, x + k0));
            _mm512_store_si512(xp + (int64_t) v * pairs + k0 / 2, (__m512i) b);
        }
    }
    for (int32_t t0 = r0; t0 < r1; t0 += 16) {
        int rows = r1 - t0 < 16 ? r1 - t0 : 16;
        for (int32_t k0 = 0; k0 < padded; k0 += 32) {
            __mmask32 m = columns - k0 >= 32 ? 0xFFFFFFFFu : (__mmask32) ((1u << (columns - k0)) - 1);
            __m512i z[16];
            for (int i = 0; i < 16; i++) {
                z[i] = i < rows ? _mm512_maskz_loadu_epi16(m, (const uint16_t *) (w + (t0 + i) * row_bytes) + k0) : _mm512_setzero_si512();
            }
            transpose_16x16(z);
            for (int j = 0; j < 16; j++) _mm512_store_si512(tile + (int64_t) (k0 / 2 + j) * 16, z[j]);
        }
        __mmask16 keep = (__mmask16) (0xFFFFu >> (16 - rows));
        for (int32_t v0 = 0; v0 < nvec; v0 += GEMM_FLOAT_VECTORS) {
            int nv = nvec - v0 < GEMM_FLOAT_VECTORS ? nvec - v0 : GEMM_FLOAT_VECTORS;
            const uint32_t *x[GEMM_FLOAT_VECTORS];
            __m512 acc[GEMM_FLOAT_VECTORS];
            for (int v = 0; v < GEMM_FLOAT_VECTORS; v++) {
                x[v] = xp + (int64_t) (v0 + (v < nv ? v : 0)) * pairs;
                acc[v] = _mm512_setzero_ps();
            }
            for (int32_t k = 0; k < pairs; k++) {
                __m512bh t = (__m512bh) _mm512_load_si512(tile + (int64_t) k * 16);
                for (int v = 0; v < GEMM_FLOAT_VECTORS; v++) {
                    acc[v] = _mm512_dpbf16_ps(acc[v], t, (__m512bh) _mm512_set1_epi32((int) x[v][k]));
                }
            }
            for (int v = 0; v < nv; v++) {
                _mm512_mask_storeu_ps(out + (int64_t) (v0 + v) * out_stride + (t0 - r0), keep, acc[v]);
            }
        }
    }
    free(xp);
    free(tile);
}

EXPORT void catena_gemm_bf16_avx512vnni(const uint8_t *w, int64_t row_bytes, int32_t columns, int32_t nvec, const int64_t *xq,
                                        const int64_t *xd, const int64_t *xs, float *out, int32_t out_stride, int32_t r0, int32_t r1) {
    (void) xd; (void) xs;
    if (__builtin_cpu_supports("avx512bf16")) {
        gemm_bf16_pairs(w, row_bytes, columns, nvec, xq, out, out_stride, r0, r1);
    } else {
        gemm_float(FL_BF16, w, row_bytes, columns, nvec, xq, out, out_stride, r0, r1);
    }
}

/* ---- Q4_0, Q8_0, IQ4_NL, IQ4_XS repacked in tiles of 16 rows (catena_tiles.h) ------------------- */

enum { X16_Q4_0, X16_Q8_0, X16_IQ4_NL };

/*
 * The integer sums of one block of a tile (16 rows) and 32 activations, in four independent chains: Q8_0 bytes
 * offset by 128, Q4_0 nibbles as they are (0..15), IQ4_NL nibbles through the code book plus 128 (vpshufb).
 */
static inline __attribute__((always_inline)) __m512i x16_block(const uint8_t *p, int kind, const int8_t *x) {
    const __m512i low = _mm512_set1_epi8(0x0F), flip = _mm512_set1_epi8((char) 0x80), lut = iq4_book_u8();
    __m512i s[4] = {_mm512_setzero_si512(), _mm512_setzero_si512(), _mm512_setzero_si512(), _mm512_setzero_si512()};
    for (int c = 0; c < 4; c++) {
        int32_t xl, xh;
        memcpy(&xl, x + 4 * c, 4);
        memcpy(&xh, x + 16 + 4 * c, 4);
        if (kind == X16_Q8_0) {
            /* chunk c: values 4c..4c+3; chunk 4+c: values 16+4c..16+4c+3 */
            s[c] = _mm512_dpbusd_epi32(s[c], _mm512_xor_si512(_mm512_loadu_si512(p + 32 + 64 * c), flip), _mm512_set1_epi32(xl));
            s[c] = _mm512_dpbusd_epi32(s[c], _mm512_xor_si512(_mm512_loadu_si512(p + 32 + 64 * (4 + c)), flip), _mm512_set1_epi32(xh));
        } else {
            __m512i q = _mm512_loadu_si512(p + 32 + 64 * c);
            __m512i lo = _mm512_and_si512(q, low), hi = _mm512_and_si512(_mm512_srli_epi16(q, 4), low);
            if (kind == X16_IQ4_NL) {
                lo = _mm512_shuffle_epi8(lut, lo);
                hi = _mm512_shuffle_epi8(lut, hi);
            }
            s[c] = _mm512_dpbusd_epi32(s[c], lo, _mm512_set1_epi32(xl));
            s[c] = _mm512_dpbusd_epi32(s[c], hi, _mm512_set1_epi32(xh));
        }
    }
    return _mm512_add_epi32(_mm512_add_epi32(s[0], s[1]), _mm512_add_epi32(s[2], s[3]));
}

/* Stores the 16 row results of tile t that fall in [r0, r1). */
static inline void x16_store(float *out, int32_t t, int32_t r0, int32_t r1, __m512 v) {
    int32_t lo = t * 16 < r0 ? r0 : t * 16, hi = t * 16 + 16 > r1 ? r1 : t * 16 + 16;
    /* rows lo..hi-1 of this tile: lanes lo - 16t .. hi - 16t - 1 */
    __mmask16 keep = (__mmask16) ((0xFFFFu >> (16 - (hi - lo))) << (lo - t * 16));
    _mm512_mask_storeu_ps(out + t * 16, keep, v);
}

/* out[r] = row r . x for r0 <= r < r1 on repacked tiles of a 32-block type (kind X16_Q4_0, X16_Q8_0 or X16_IQ4_NL). */
static inline __attribute__((always_inline)) void x16_matvec(const uint8_t *tiles, int32_t blocks, int kind,
        const int8_t *xq, const float *xd, const int16_t *xs, float *out, int32_t r0, int32_t r1) {
    const int bpb = kind == X16_Q8_0 ? sizeof(block_q8_0) : sizeof(block_q4_0);
    const float offset = kind == X16_Q4_0 ? 8.0f : 128.0f;
    for (int32_t t = r0 / 16; t * 16 < r1; t++) {
        const uint8_t *p = tiles + (int64_t) t * blocks * 16 * bpb;
        __m512 acc0 = _mm512_setzero_ps(), acc1 = _mm512_setzero_ps();
        int32_t i = 0;
        for (; i + 1 < blocks; i += 2, p += 32 * bpb) {
            for (int o = 0; o < 32 * bpb; o += 64) {
                _mm_prefetch((const char *)(p + PREFETCH_BYTES + o), _MM_HINT_T0);
            }
            __m512i s0 = x16_block(p, kind, xq + i * 32);
            __m512i s1 = x16_block(p + 16 * bpb, kind, xq + i * 32 + 32);
            __m512 d0 = _mm512_cvtph_ps(_mm256_loadu_si256((const __m256i *) p));
            __m512 d1 = _mm512_cvtph_ps(_mm256_loadu_si256((const __m256i *)(p + 16 * bpb)));
            acc0 = _mm512_fmadd_ps(_mm512_sub_ps(_mm512_cvtepi32_ps(s0), _mm512_set1_ps(offset * xs[i])),
                                   _mm512_mul_ps(d0, _mm512_set1_ps(xd[i])), acc0);
            acc1 = _mm512_fmadd_ps(_mm512_sub_ps(_mm512_cvtepi32_ps(s1), _mm512_set1_ps(offset * xs[i + 1])),
                                   _mm512_mul_ps(d1, _mm512_set1_ps(xd[i + 1])), acc1);
        }
        if (i < blocks) {
            __m512i s0 = x16_block(p, kind, xq + i * 32);
            __m512 d0 = _mm512_cvtph_ps(_mm256_loadu_si256((const __m256i *) p));
            acc0 = _mm512_fmadd_ps(_mm512_sub_ps(_mm512_cvtepi32_ps(s0), _mm512_set1_ps(offset * xs[i])),
                                   _mm512_mul_ps(d0, _mm512_set1_ps(xd[i])), acc0);
        }
        x16_store(out, t, r0, r1, _mm512_add_ps(acc0, acc1));
    }
}

EXPORT void catena_q4_0x16_avx512vnni(const uint8_t *tiles, int32_t blocks, const int8_t *xq, const float *xd,
                                      const int16_t *xs, float *out, int32_t r0, int32_t r1) {
    x16_matvec(tiles, blocks, X16_Q4_0, xq, xd, xs, out, r0, r1);
}

EXPORT void catena_q8_0x16_avx512vnni(const uint8_t *tiles, int32_t blocks, const int8_t *xq, const float *xd,
                                      const int16_t *xs, float *out, int32_t r0, int32_t r1) {
    x16_matvec(tiles, blocks, X16_Q8_0, xq, xd, xs, out, r0, r1);
}

EXPORT void catena_iq4_nlx16_avx512vnni(const uint8_t *tiles, int32_t blocks, const int8_t *xq, const float *xd,
                                        const int16_t *xs, float *out, int32_t r0, int32_t r1) {
    x16_matvec(tiles, blocks, X16_IQ4_NL, xq, xd, xs, out, r0, r1);
}

/*
 * IQ4_XS on tiles: per super-block and sub-block, 8 vpdpbusd give the 16 rows' sums of 32 products (the code
 * book plus 128); the offset 128 x the sub-block's activation sum comes off and the sub-block scales multiply
 * in as integers (at most 8 x 32 x 127 x 127 x 32 in magnitude: no overflow), so one conversion and one FMA
 * per super-block apply d and the activation scale.
 */
EXPORT void catena_iq4_xsx16_avx512vnni(const uint8_t *tiles, int32_t blocks, const int8_t *xq, const float *xd,
                                        const int16_t *xs, float *out, int32_t r0, int32_t r1) {
    const __m512i low = _mm512_set1_epi8(0x0F), lut = iq4_book_u8();
    for (int32_t t = r0 / 16; t * 16 < r1; t++) {
        const uint8_t *p = tiles + (int64_t) t * blocks * X16_IQ4_XS_BYTES;
        __m512 acc = _mm512_setzero_ps();
        for (int32_t i = 0; i < blocks; i++, p += X16_IQ4_XS_BYTES) {
            for (int o = 0; o < X16_IQ4_XS_BYTES; o += 64) {
                _mm_prefetch((const char *)(p + PREFETCH_BYTES + o), _MM_HINT_T0);
            }
            const int8_t *x = xq + (int64_t) i * 256;
            const int16_t *bs = xs + (int64_t) i * 16;
            __m512i total = _mm512_setzero_si512();
            for (int s = 0; s < 8; s++) {
                const uint8_t *q = p + X16_IQ4_XS_QUANTS + 256 * s;
                __m512i a = _mm512_setzero_si512(), b = _mm512_setzero_si512();
                for (int c = 0; c < 4; c++) {
                    int32_t xl, xh;
                    memcpy(&xl, x + 32 * s + 4 * c, 4);
                    memcpy(&xh, x + 32 * s + 16 + 4 * c, 4);
                    __m512i v = _mm512_loadu_si512(q + 64 * c);
                    a = _mm512_dpbusd_epi32(a, _mm512_shuffle_epi8(lut, _mm512_and_si512(v, low)), _mm512_set1_epi32(xl));
                    b = _mm512_dpbusd_epi32(b, _mm512_shuffle_epi8(lut, _mm512_and_si512(_mm512_srli_epi16(v, 4), low)),
                                            _mm512_set1_epi32(xh));
                }
                __m512i sum = _mm512_sub_epi32(_mm512_add_epi32(a, b), _mm512_set1_epi32(128 * (bs[2 * s] + bs[2 * s + 1])));
                __m512i sc = _mm512_cvtepi8_epi32(_mm_loadu_si128((const __m128i *)(p + X16_IQ4_XS_SCALES + 16 * s)));
                total = _mm512_add_epi32(total, _mm512_mullo_epi32(sum, sc));
            }
            __m512 d = _mm512_cvtph_ps(_mm256_loadu_si256((const __m256i *) p));
            acc = _mm512_fmadd_ps(_mm512_cvtepi32_ps(total), _mm512_mul_ps(d, _mm512_set1_ps(xd[i])), acc);
        }
        x16_store(out, t, r0, r1, acc);
    }
}

/* ---- activation quantization ------------------------------------------------------------------ */

/*
 * The activations of a product quantized to 8 bits, bit for bit as QuantizedVector.quantize does it in
 * Java (ggml's reference rounding: nearest, ties to even, as vcvtps2dq rounds): values into qs, the same
 * values in the AVX-512 kernels' order into xn, one scale per block into d, block or 16-value sums into s.
 * n is a multiple of the block size (32 for Q8_0, 256 for Q8_K).
 */

/* Q8_0: per block of 32, d = amax / 127 rounded to F16, q = rint(x * (127 / amax)), one sum per block. */
EXPORT void catena_quantize_q8_0_avx512vnni(const float *x, int32_t n, int8_t *qs, int8_t *xn, float *d, int16_t *s) {
    for (int32_t b = 0; b < n / 32; b++) {
        __m512 lo = _mm512_loadu_ps(x + 32 * b), hi = _mm512_loadu_ps(x + 32 * b + 16);
        float amax = _mm512_reduce_max_ps(_mm512_max_ps(_mm512_abs_ps(lo), _mm512_abs_ps(hi)));
        float id = amax != 0.0f ? 127.0f / amax : 0.0f;
        __m512i qlo = _mm512_cvtps_epi32(_mm512_mul_ps(lo, _mm512_set1_ps(id)));
        __m512i qhi = _mm512_cvtps_epi32(_mm512_mul_ps(hi, _mm512_set1_ps(id)));
        __m128i blo = _mm512_cvtepi32_epi8(qlo), bhi = _mm512_cvtepi32_epi8(qhi);
        _mm_storeu_si128((__m128i *)(qs + 32 * b), blo);
        _mm_storeu_si128((__m128i *)(qs + 32 * b + 16), bhi);
        /* per group of 4 blocks: the first 16 values of each block, then the last 16 of each */
        int8_t *g = xn + (b / 4) * 128 + (b % 4) * 16;
        _mm_storeu_si128((__m128i *) g, blo);
        _mm_storeu_si128((__m128i *)(g + 64), bhi);
        d[b] = _cvtsh_ss(_cvtss_sh(amax / 127.0f, _MM_FROUND_TO_NEAREST_INT));
        s[b] = (int16_t) _mm512_reduce_add_epi32(_mm512_add_epi32(qlo, qhi));
    }
}

/*
 * Q8_K: per block of 256, the scale from the value of largest magnitude (the first such), q = min(127,
 * rint(x * -127 / max)), d = 1 / (-127 / max), one sum per 16 values; a block of zeros has scale 0.
 */
EXPORT void catena_quantize_q8_k_avx512vnni(const float *x, int32_t n, int8_t *qs, int8_t *xn, float *d, int16_t *s) {
    static const int paired[8] = {0, 2, 1, 3, 4, 6, 5, 7};
    for (int32_t b = 0; b < n / 256; b++) {
        const float *xb = x + 256 * b;
        __m512 m = _mm512_setzero_ps();
        for (int k = 0; k < 16; k++) {
            m = _mm512_max_ps(m, _mm512_abs_ps(_mm512_loadu_ps(xb + 16 * k)));
        }
        float amax = _mm512_reduce_max_ps(m);
        if (amax == 0.0f) {
            memset(qs + 256 * b, 0, 256);
            memset(xn + 256 * b, 0, 256);
            memset(s + 16 * b, 0, 32);
            d[b] = 0.0f;
            continue;
        }
        float max = 0.0f;
        for (int k = 0; k < 16; k++) {
            __mmask16 at = _mm512_cmp_ps_mask(_mm512_abs_ps(_mm512_loadu_ps(xb + 16 * k)), _mm512_set1_ps(amax), _CMP_EQ_OQ);
            if (at) {
                max = xb[16 * k + __builtin_ctz(at)];
                break;
            }
        }
        float iscale = -127.0f / max;
        for (int g = 0; g < 16; g++) {
            __m512i q = _mm512_min_epi32(_mm512_cvtps_epi32(_mm512_mul_ps(_mm512_set1_ps(iscale), _mm512_loadu_ps(xb + 16 * g))),
                                         _mm512_set1_epi32(127));
            __m128i bytes = _mm512_cvtepi32_epi8(q);
            _mm_storeu_si128((__m128i *)(qs + 256 * b + 16 * g), bytes);
            _mm_storeu_si128((__m128i *)(xn + 256 * b + 32 * paired[g / 2] + 16 * (g % 2)), bytes);
            s[16 * b + g] = (int16_t) _mm512_reduce_add_epi32(q);
        }
        d[b] = 1.0f / iscale;
    }
}
