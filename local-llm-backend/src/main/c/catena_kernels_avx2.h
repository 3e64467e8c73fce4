/*
 * AVX2 kernels on 16-row tiles and the AVX2 batched GEMM (prompt prefill), included by catena_kernels.c inside its
 * avx2 target section after catena_kernels_simd.h (whose _avx2 helpers they use).
 *
 * AVX2 has no vpdpbusd: pmaddubsw multiplies unsigned by signed bytes into saturating 16-bit pair sums and
 * pmaddwd against ones widens them. Weights of at most 6 bits go in unsigned (the offset term takes the shift
 * off, as in the AVX-512 kernels) and several pmaddubsw results add up in 16 bits before one pmaddwd; Q8_0 and
 * the IQ4 code book (up to 128 in magnitude, where 255 x 127 would saturate) go in signed, with the sign moved
 * onto the activations (|w| x sign(x, w)) and no offset. A 256-bit vector holds 8 rows x 4 bytes: a tile of 16
 * rows is two halves.
 */
#define GEMM2_VECTORS 4       /* activation vectors per pass over a tile */
#define GEMM2_FLOAT_VECTORS 8

/* Transposes 8 rows of 8 int32 (r[i] = row i) into columns (r[j] lane i = old row i lane j). */
static inline void transpose_8x8_avx2(__m256i r[8]) {
    __m256i t[8], u[8];
    for (int k = 0; k < 4; k++) {
        t[2 * k] = _mm256_unpacklo_epi32(r[2 * k], r[2 * k + 1]);
        t[2 * k + 1] = _mm256_unpackhi_epi32(r[2 * k], r[2 * k + 1]);
    }
    for (int k = 0; k < 2; k++) {
        u[4 * k] = _mm256_unpacklo_epi64(t[4 * k], t[4 * k + 2]);
        u[4 * k + 1] = _mm256_unpackhi_epi64(t[4 * k], t[4 * k + 2]);
        u[4 * k + 2] = _mm256_unpacklo_epi64(t[4 * k + 1], t[4 * k + 3]);
        u[4 * k + 3] = _mm256_unpackhi_epi64(t[4 * k + 1], t[4 * k + 3]);
    }
    /* u[c] (rows 0-3) and u[4 + c] (rows 4-7): column c in the low 128-bit lanes, column 4 + c in the high ones */
    for (int c = 0; c < 4; c++) {
        r[c] = _mm256_permute2x128_si256(u[c], u[4 + c], 0x20);
        r[4 + c] = _mm256_permute2x128_si256(u[c], u[4 + c], 0x31);
    }
}

/* The IQ4_NL / IQ4_XS code book (signed) in both 128-bit lanes, for vpshufb. */
static inline __m256i iq4_book_avx2(void) {
    return _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *) IQ4_VALUES));
}

/* Sums of 4 products per 32-bit lane of signed weights w and activations x (|w| <= 128, |x| <= 127). */
static inline __m256i dot_signed_avx2(__m256i acc, __m256i w, __m256i x) {
    return DPBUSD(acc, _mm256_sign_epi8(w, w), _mm256_sign_epi8(x, w));
}

/* The 4 activation bytes at x in every 32-bit lane. */
static inline __m256i broadcast4_avx2(const int8_t *x) {
    int32_t v;
    memcpy(&v, x, 4);
    return _mm256_set1_epi32(v);
}

/* Stores the 16 row results of tile t (rows 0-7 in a0, 8-15 in a1) that fall in [r0, r1). */
static inline void x16_store_avx2(float *out, int32_t t, int32_t r0, int32_t r1, __m256 a0, __m256 a1) {
    float v[16];
    _mm256_storeu_ps(v, a0);
    _mm256_storeu_ps(v + 8, a1);
    int32_t lo = t * 16 < r0 ? r0 : t * 16, hi = t * 16 + 16 > r1 ? r1 : t * 16 + 16;
    memcpy(out + lo, v + (lo - t * 16), (size_t) (hi - lo) * sizeof(float));
}

/* ---- matrix-vector products on tiles of 16 rows (catena_tiles.h) ---------------------------------------- */

/*
 * out[r] = row r . x for r0 <= r < r1 on repacked tiles of Q4_0, Q8_0 or IQ4_NL (kind T_Q4_0X16, T_Q8_0X16,
 * T_IQ4_NLX16). Chunk c of a block column is 16 rows x 4 bytes: its halves are rows 0-7 and 8-15. Q4_0 nibbles
 * (0..15) add 8 pmaddubsw per half in 16 bits (8 x 2 x 15 x 127 fits); the offset 8 x sum(x) comes off after.
 */
static inline __attribute__((always_inline)) void x16_matvec_avx2(const uint8_t *tiles, int32_t blocks, int kind,
        const int8_t *xq, const float *xd, const int16_t *xs, float *out, int32_t r0, int32_t r1) {
    const int bpb = kind == T_Q8_0X16 ? sizeof(block_q8_0) : sizeof(block_q4_0);
    const __m256i low = _mm256_set1_epi8(0x0F), ones = _mm256_set1_epi16(1), book = iq4_book_avx2();
    for (int32_t t = r0 / 16; t * 16 < r1; t++) {
        const uint8_t *p = tiles + (int64_t) t * blocks * 16 * bpb;
        __m256 acc0 = _mm256_setzero_ps(), acc1 = _mm256_setzero_ps();
        for (int32_t i = 0; i < blocks; i++, p += 16 * bpb) {
            for (int o = 0; o < 16 * bpb; o += 64) {
                _mm_prefetch((const char *)(p + PREFETCH_BYTES + o), _MM_HINT_T0);
            }
            const int8_t *x = xq + i * 32;
            __m256i s0 = _mm256_setzero_si256(), s1 = _mm256_setzero_si256();
            if (kind == T_Q8_0X16) {
                /* chunk k: values 4k..4k+3 of each row */
                for (int k = 0; k < 8; k++) {
                    __m256i xb = broadcast4_avx2(x + 4 * k);
                    s0 = dot_signed_avx2(s0, _mm256_loadu_si256((const __m256i *)(p + 32 + 64 * k)), xb);
                    s1 = dot_signed_avx2(s1, _mm256_loadu_si256((const __m256i *)(p + 64 + 64 * k)), xb);
                }
            } else {
                /* chunk c: low nibbles values 4c..4c+3, high nibbles values 16+4c..16+4c+3 */
                __m256i p0 = _mm256_setzero_si256(), p1 = _mm256_setzero_si256();
                for (int c = 0; c < 4; c++) {
                    __m256i xl = broadcast4_avx2(x + 4 * c), xh = broadcast4_avx2(x + 16 + 4 * c);
                    __m256i q0 = _mm256_loadu_si256((const __m256i *)(p + 32 + 64 * c));
                    __m256i q1 = _mm256_loadu_si256((const __m256i *)(p + 64 + 64 * c));
                    __m256i l0 = _mm256_and_si256(q0, low), h0 = _mm256_and_si256(_mm256_srli_epi16(q0, 4), low);
                    __m256i l1 = _mm256_and_si256(q1, low), h1 = _mm256_and_si256(_mm256_srli_epi16(q1, 4), low);
                    if (kind == T_IQ4_NLX16) {
                        s0 = dot_signed_avx2(dot_signed_avx2(s0, _mm256_shuffle_epi8(book, l0), xl), _mm256_shuffle_epi8(book, h0), xh);
                        s1 = dot_signed_avx2(dot_signed_avx2(s1, _mm256_shuffle_epi8(book, l1), xl), _mm256_shuffle_epi8(book, h1), xh);
                    } else {
                        p0 = _mm256_add_epi16(p0, _mm256_add_epi16(_mm256_maddubs_epi16(l0, xl), _mm256_maddubs_epi16(h0, xh)));
                        p1 = _mm256_add_epi16(p1, _mm256_add_epi16(_mm256_maddubs_epi16(l1, xl), _mm256_maddubs_epi16(h1, xh)));
                    }
                }
                if (kind == T_Q4_0X16) {
                    __m256i off = _mm256_set1_epi32(8 * xs[i]);
                    s0 = _mm256_sub_epi32(_mm256_madd_epi16(p0, ones), off);
                    s1 = _mm256_sub_epi32(_mm256_madd_epi16(p1, ones), off);
                }
            }
            __m256 dx = _mm256_set1_ps(xd[i]);
            __m256 d0 = _mm256_cvtph_ps(_mm_loadu_si128((const __m128i *) p));
            __m256 d1 = _mm256_cvtph_ps(_mm_loadu_si128((const __m128i *)(p + 16)));
            acc0 = _mm256_fmadd_ps(_mm256_cvtepi32_ps(s0), _mm256_mul_ps(d0, dx), acc0);
            acc1 = _mm256_fmadd_ps(_mm256_cvtepi32_ps(s1), _mm256_mul_ps(d1, dx), acc1);
        }
        x16_store_avx2(out, t, r0, r1, acc0, acc1);
    }
}

#define X16_EXPORT_AVX2(name, kind)                                                                     \
EXPORT void name(const uint8_t *tiles, int32_t blocks, const int8_t *xq, const float *xd, const int16_t *xs,   \
                 float *out, int32_t r0, int32_t r1) {                                                  \
    x16_matvec_avx2(tiles, blocks, kind, xq, xd, xs, out, r0, r1);                                      \
}

X16_EXPORT_AVX2(catena_q4_0x16_avx2, T_Q4_0X16)
X16_EXPORT_AVX2(catena_q8_0x16_avx2, T_Q8_0X16)
X16_EXPORT_AVX2(catena_iq4_nlx16_avx2, T_IQ4_NLX16)

/*
 * IQ4_XS on tiles: per sub-block the two halves' sums of 32 signed products, times the sub-block scales as
 * 32-bit integers (at most 8 x 32 x 127 x 127 x 32 in magnitude), one conversion and FMA per super-block.
 */
EXPORT void catena_iq4_xsx16_avx2(const uint8_t *tiles, int32_t blocks, const int8_t *xq, const float *xd,
                                  const int16_t *xs, float *out, int32_t r0, int32_t r1) {
    (void) xs;
    const __m256i low = _mm256_set1_epi8(0x0F), book = iq4_book_avx2();
    for (int32_t t = r0 / 16; t * 16 < r1; t++) {
        const uint8_t *p = tiles + (int64_t) t * blocks * X16_IQ4_XS_BYTES;
        __m256 acc[2] = {_mm256_setzero_ps(), _mm256_setzero_ps()};
        for (int32_t i = 0; i < blocks; i++, p += X16_IQ4_XS_BYTES) {
            for (int o = 0; o < X16_IQ4_XS_BYTES; o += 64) {
                _mm_prefetch((const char *)(p + PREFETCH_BYTES + o), _MM_HINT_T0);
            }
            const int8_t *x = xq + (int64_t) i * 256;
            __m256i total[2] = {_mm256_setzero_si256(), _mm256_setzero_si256()};
            for (int s = 0; s < 8; s++) {
                __m256i a[2] = {_mm256_setzero_si256(), _mm256_setzero_si256()};
                for (int c = 0; c < 4; c++) {
                    __m256i xl = broadcast4_avx2(x + 32 * s + 4 * c), xh = broadcast4_avx2(x + 32 * s + 16 + 4 * c);
                    for (int h = 0; h < 2; h++) {
                        __m256i v = _mm256_loadu_si256((const __m256i *)(p + X16_IQ4_XS_QUANTS + 256 * s + 64 * c + 32 * h));
                        a[h] = dot_signed_avx2(a[h], _mm256_shuffle_epi8(book, _mm256_and_si256(v, low)), xl);
                        a[h] = dot_signed_avx2(a[h], _mm256_shuffle_epi8(book, _mm256_and_si256(_mm256_srli_epi16(v, 4), low)), xh);
                    }
                }
                for (int h = 0; h < 2; h++) {
                    __m256i sc = _mm256_cvtepi8_epi32(_mm_loadl_epi64((const __m128i *)(p + X16_IQ4_XS_SCALES + 16 * s + 8 * h)));
                    total[h] = _mm256_add_epi32(total[h], _mm256_mullo_epi32(a[h], sc));
                }
            }
            __m256 dx = _mm256_set1_ps(xd[i]);
            for (int h = 0; h < 2; h++) {
                __m256 d = _mm256_cvtph_ps(_mm_loadu_si128((const __m128i *)(p + 16 * h)));
                acc[h] = _mm256_fmadd_ps(_mm256_cvtepi32_ps(total[h]), _mm256_mul_ps(d, dx), acc[h]);
            }
        }
        x16_store_avx2(out, t, r0, r1, acc[0], acc[1]);
    }
}

/* ---- batched products: the tiled GEMM ----------------------------------------------------------------- */
/*
 * A tile of 16 weight rows is unpacked once into bytes for pmaddubsw - for every 4 consecutive columns 64 bytes,
 * rows 0-7 x 4 bytes then rows 8-15 x 4 bytes - with one scale s and offset term b per row and group of G columns
 * (catena_gemm.h); every activation vector then runs over it, 4 at a time: each pmaddubsw multiplies 8 rows by 4
 * broadcast activation bytes, and once per group the 8 integer sums are scaled: out += dx * (s * sum - b * sum(x)).
 */

/* Columns 32c..32c+31 of a row of a stored type as bytes: unsigned values, or signed ones for Q8_0, IQ4_NL, IQ4_XS. */
static inline __attribute__((always_inline)) __m256i unpack32_avx2(int type, const uint8_t *row, int32_t c) {
    const __m256i low = _mm256_set1_epi8(0x0F), one = _mm256_set1_epi8(1);
    switch (type) {
    case T_Q8_0: return _mm256_loadu_si256((const __m256i *) ((const block_q8_0 *) row)[c].qs);
    case T_Q4_0: return nibbles_avx2(((const block_q4_0 *) row)[c].qs);
    case T_Q4_1: return nibbles_avx2(((const block_q4_1 *) row)[c].qs);
    case T_Q5_0: {
        const block_q5_0 *b = (const block_q5_0 *) row + c;
        return _mm256_or_si256(nibbles_avx2(b->qs), bit4_from_mask_avx2(rd32(b->qh)));
    }
    case T_Q5_1: {
        const block_q5_1 *b = (const block_q5_1 *) row + c;
        return _mm256_or_si256(nibbles_avx2(b->qs), bit4_from_mask_avx2(rd32(b->qh)));
    }
    case T_IQ4_NL: return _mm256_shuffle_epi8(iq4_book_avx2(), nibbles_avx2(((const block_iq4_nl *) row)[c].qs));
    case T_IQ4_XS:
        return _mm256_shuffle_epi8(iq4_book_avx2(), nibbles_avx2(((const block_iq4_xs *) row)[c >> 3].qs + 16 * (c & 7)));
    case T_Q4_K:
    case T_Q5_K: {
        /* sub-block s: the low (s even) or high nibbles of qs[32 (s / 2) ..], the fifth bit at bit s of qh */
        int s = c & 7, k5 = type == T_Q5_K;
        const block_q5_K *b5 = (const block_q5_K *) row + (c >> 3);
        const uint8_t *qs = k5 ? b5->qs : ((const block_q4_K *) row + (c >> 3))->qs;
        __m256i q = _mm256_loadu_si256((const __m256i *)(qs + (s >> 1) * 32));
        __m256i v = _mm256_and_si256((s & 1) ? _mm256_srli_epi16(q, 4) : q, low);
        if (k5) {
            __m256i h = _mm256_srl_epi16(_mm256_loadu_si256((const __m256i *) b5->qh), _mm_cvtsi32_si128(s));
            v = _mm256_or_si256(v, _mm256_slli_epi16(_mm256_and_si256(h, one), 4));
        }
        return v;
    }
    case T_Q6_K: {
        /* values 128 half + 32 j + l: low 4 bits at shift 4 (j / 2) of ql[64 half + 32 (j & 1) + l], high 2 at shift 2j of qh[32 half + l] */
        const block_q6_K *b = (const block_q6_K *) row + (c >> 3);
        int half = (c & 7) >> 2, j = c & 3;
        __m256i ql = _mm256_loadu_si256((const __m256i *)(b->ql + 64 * half + 32 * (j & 1)));
        __m256i qh = _mm256_loadu_si256((const __m256i *)(b->qh + 32 * half));
        __m256i lo = _mm256_and_si256(_mm256_srl_epi16(ql, _mm_cvtsi32_si128(4 * (j >> 1))), low);
        __m256i hi = _mm256_and_si256(_mm256_srl_epi16(qh, _mm_cvtsi32_si128(2 * j)), _mm256_set1_epi8(3));
        return _mm256_or_si256(lo, _mm256_slli_epi16(hi, 4));
    }
    default: { /* T_Q2_K, T_Q3_K: values 128 h + 32 j + l at shift 2j of qs[32 h + l], the Q3_K high bit at bit 4h + j of hmask[l] */
        int h = (c & 7) >> 2, j = c & 3, k3 = type == T_Q3_K;
        const block_q3_K *b3 = (const block_q3_K *) row + (c >> 3);
        const uint8_t *qs = k3 ? b3->qs : ((const block_q2_K *) row + (c >> 3))->qs;
        __m256i q = _mm256_loadu_si256((const __m256i *)(qs + 32 * h));
        __m256i v = _mm256_and_si256(_mm256_srl_epi16(q, _mm_cvtsi32_si128(2 * j)), _mm256_set1_epi8(3));
        if (k3) {
            __m256i m = _mm256_srl_epi16(_mm256_loadu_si256((const __m256i *) b3->hmask), _mm_cvtsi32_si128(4 * h + j));
            v = _mm256_or_si256(v, _mm256_slli_epi16(_mm256_and_si256(m, one), 2));
        }
        return v;
    }
    }
}

/* Unpacks rows t0..t0+rows-1 of stored weights (zeros past rows) into the GEMM's tile, scales and offsets. */
static inline __attribute__((always_inline)) void gemm_unpack_rows_avx2(int type, const uint8_t *w, int64_t row_bytes, int32_t t0, int rows, int32_t columns,
                                  int32_t groups, uint8_t *tile, float *ts, float *tb) {
    for (int32_t c = 0; c < columns / 32; c++) {
        __m256i z[16];
        for (int i = 0; i < 16; i++) {
            z[i] = i < rows ? unpack32_avx2(type, w + (int64_t) (t0 + i) * row_bytes, c) : _mm256_setzero_si256();
        }
        transpose_8x8_avx2(z);
        transpose_8x8_avx2(z + 8);
        for (int j = 0; j < 8; j++) {
            _mm256_store_si256((__m256i *)(tile + ((int64_t) c * 8 + j) * 64), z[j]);
            _mm256_store_si256((__m256i *)(tile + ((int64_t) c * 8 + j) * 64 + 32), z[8 + j]);
        }
    }
    for (int i = 0; i < 16; i++) {
        if (i < rows) {
            gemm_row_scales_avx2(type, 1, w + (int64_t) (t0 + i) * row_bytes, groups, ts + i, tb + i, 16);
        } else {
            for (int32_t g = 0; g < groups; g++) ts[g * 16 + i] = tb[g * 16 + i] = 0.0f;
        }
    }
}

/*
 * Unpacks tile t of repacked weights (catena_tiles.h; groups of 32 columns): their chunks of 16 rows x 4 bytes are
 * already the GEMM's layout, so only the nibbles are split (and looked up in the IQ4 code book).
 */
static inline __attribute__((always_inline)) void gemm_unpack_x16_avx2(int type, const uint8_t *w, int32_t t, int32_t groups, uint8_t *tile, float *ts, float *tb) {
    const __m256i low = _mm256_set1_epi8(0x0F), book = iq4_book_avx2();
    if (type == T_IQ4_XSX16) {
        const uint8_t *p = w + (int64_t) t * (groups / 8) * X16_IQ4_XS_BYTES;
        for (int32_t i = 0; i < groups / 8; i++, p += X16_IQ4_XS_BYTES) {
            for (int s = 0; s < 8; s++) {
                int32_t g = 8 * i + s;
                for (int h = 0; h < 2; h++) {
                    __m256 d = _mm256_cvtph_ps(_mm_loadu_si128((const __m128i *)(p + 16 * h)));
                    __m256 sc = _mm256_cvtepi32_ps(_mm256_cvtepi8_epi32(_mm_loadl_epi64((const __m128i *)(p + X16_IQ4_XS_SCALES + 16 * s + 8 * h))));
                    _mm256_store_ps(ts + g * 16 + 8 * h, _mm256_mul_ps(d, sc));
                    _mm256_store_ps(tb + g * 16 + 8 * h, _mm256_setzero_ps());
                    for (int c = 0; c < 4; c++) {
                        __m256i q = _mm256_loadu_si256((const __m256i *)(p + X16_IQ4_XS_QUANTS + 64 * (4 * s + c) + 32 * h));
                        _mm256_store_si256((__m256i *)(tile + ((int64_t) g * 8 + c) * 64 + 32 * h),
                                           _mm256_shuffle_epi8(book, _mm256_and_si256(q, low)));
                        _mm256_store_si256((__m256i *)(tile + ((int64_t) g * 8 + 4 + c) * 64 + 32 * h),
                                           _mm256_shuffle_epi8(book, _mm256_and_si256(_mm256_srli_epi16(q, 4), low)));
                    }
                }
            }
        }
        return;
    }
    int bpb = type == T_Q8_0X16 ? sizeof(block_q8_0) : sizeof(block_q4_0);
    __m256 offset = _mm256_set1_ps(type == T_Q4_0X16 ? 8.0f : 0.0f);
    const uint8_t *p = w + (int64_t) t * groups * 16 * bpb;
    for (int32_t i = 0; i < groups; i++, p += 16 * bpb) {
        for (int h = 0; h < 2; h++) {
            __m256 d = _mm256_cvtph_ps(_mm_loadu_si128((const __m128i *)(p + 16 * h)));
            _mm256_store_ps(ts + i * 16 + 8 * h, d);
            _mm256_store_ps(tb + i * 16 + 8 * h, _mm256_mul_ps(d, offset));
            for (int c = 0; c < (bpb - (int) sizeof(ggml_half)) / 4; c++) {
                __m256i q = _mm256_loadu_si256((const __m256i *)(p + 32 + 64 * c + 32 * h));
                if (type == T_Q8_0X16) {
                    _mm256_store_si256((__m256i *)(tile + ((int64_t) i * 8 + c) * 64 + 32 * h), q);
                    continue;
                }
                __m256i lo = _mm256_and_si256(q, low), hi = _mm256_and_si256(_mm256_srli_epi16(q, 4), low);
                if (type == T_IQ4_NLX16) {
                    lo = _mm256_shuffle_epi8(book, lo);
                    hi = _mm256_shuffle_epi8(book, hi);
                }
                _mm256_store_si256((__m256i *)(tile + ((int64_t) i * 8 + c) * 64 + 32 * h), lo);
                _mm256_store_si256((__m256i *)(tile + ((int64_t) i * 8 + 4 + c) * 64 + 32 * h), hi);
            }
        }
    }
}

/*
 * All vectors over one unpacked tile (rows t0..t0+15), results for rows first..end-1 into out. G columns per
 * group; with sgn the tile's bytes are signed (|w| x sign(x, w)), else unsigned and `chain` pmaddubsw results
 * (each at most 2 x 127 x the largest weight) add up in 16 bits before one pmaddwd.
 */
static inline __attribute__((always_inline)) void gemm_tile_avx2(const uint8_t *tile, const float *ts, const float *tb,
        int32_t groups, const int G, const int chain, const int sgn, int32_t nvec, const int64_t *xq, const float *dx,
        const float *sx, float *out, int32_t out_stride, int32_t t0, int32_t first, int32_t end, int32_t r0) {
    const __m256i ones = _mm256_set1_epi16(1);
    for (int h = 0; h < 2; h++) {
        int32_t lo = first > t0 + 8 * h ? first : t0 + 8 * h;
        int32_t hi = end < t0 + 8 * h + 8 ? end : t0 + 8 * h + 8;
        if (lo >= hi) {
            continue;
        }
        for (int32_t v0 = 0; v0 < nvec; v0 += GEMM2_VECTORS) {
            int nv = nvec - v0 < GEMM2_VECTORS ? nvec - v0 : GEMM2_VECTORS;
            const int8_t *x[GEMM2_VECTORS];
            const float *vdx[GEMM2_VECTORS], *vsx[GEMM2_VECTORS];
            __m256 acc[GEMM2_VECTORS];
            for (int v = 0; v < GEMM2_VECTORS; v++) {
                int32_t vv = v0 + (v < nv ? v : 0);
                x[v] = (const int8_t *) (intptr_t) xq[vv];
                vdx[v] = dx + (int64_t) vv * groups;
                vsx[v] = sx + (int64_t) vv * groups;
                acc[v] = _mm256_setzero_ps();
            }
            for (int32_t g = 0; g < groups; g++) {
                const uint8_t *u = tile + (int64_t) g * G * 16 + 32 * h;
                __m256i isum[GEMM2_VECTORS];
                for (int v = 0; v < GEMM2_VECTORS; v++) isum[v] = _mm256_setzero_si256();
                for (int k0 = 0; k0 < G / 4; k0 += chain) {
                    __m256i p[GEMM2_VECTORS];
                    for (int v = 0; v < GEMM2_VECTORS; v++) p[v] = _mm256_setzero_si256();
                    for (int k = k0; k < k0 + chain; k++) {
                        __m256i wv = _mm256_load_si256((const __m256i *)(u + 64 * k));
                        __m256i aw = sgn ? _mm256_sign_epi8(wv, wv) : wv;
                        for (int v = 0; v < GEMM2_VECTORS; v++) {
                            __m256i xb = broadcast4_avx2(x[v] + g * G + 4 * k);
                            if (sgn) {
                                isum[v] = _mm256_add_epi32(isum[v], _mm256_madd_epi16(_mm256_maddubs_epi16(aw, _mm256_sign_epi8(xb, wv)), ones));
                            } else {
                                p[v] = _mm256_add_epi16(p[v], _mm256_maddubs_epi16(wv, xb));
                            }
                        }
                    }
                    if (!sgn) {
                        for (int v = 0; v < GEMM2_VECTORS; v++) isum[v] = _mm256_add_epi32(isum[v], _mm256_madd_epi16(p[v], ones));
                    }
                }
                __m256 s = _mm256_load_ps(ts + g * 16 + 8 * h), b = _mm256_load_ps(tb + g * 16 + 8 * h);
                for (int v = 0; v < GEMM2_VECTORS; v++) {
                    __m256 t = _mm256_fmsub_ps(_mm256_cvtepi32_ps(isum[v]), s, _mm256_mul_ps(b, _mm256_set1_ps(vsx[v][g])));
                    acc[v] = _mm256_fmadd_ps(t, _mm256_set1_ps(vdx[v][g]), acc[v]);
                }
            }
            for (int v = 0; v < nv; v++) {
                float res[8];
                _mm256_storeu_ps(res, acc[v]);
                memcpy(out + (int64_t) (v0 + v) * out_stride + (lo - r0), res + (lo - t0 - 8 * h), (size_t) (hi - lo) * sizeof(float));
            }
        }
    }
}

/*
 * out[v * out_stride + (r - r0)] = row r of w . vector v for r0 <= r < r1 and v < nvec, as the AVX-512 GEMM
 * (catena_kernels_avx512.h) takes them; columns a multiple of 32. Inlined into each export with its unpacking
 * helpers, so that the switches on the constant type fold away in each type's copy.
 */
static inline __attribute__((always_inline)) void gemm_avx2(int type, const uint8_t *w, int64_t row_bytes, int32_t columns, int32_t nvec,
                      const int64_t *xq, const int64_t *xd, const int64_t *xs, int ablock, int asum,
                      float *out, int32_t out_stride, int32_t r0, int32_t r1) {
    gemm_work k = gemm_work_new_avx2(type, columns, nvec, xd, xs, ablock, asum);
    int32_t groups = k.groups;
    uint8_t *tile = k.tile;
    float *ts = k.ts, *tb = k.tb, *dx = k.dx, *sx = k.sx;
    int repacked = type >= T_Q4_0X16;
    for (int32_t t0 = repacked ? r0 / 16 * 16 : r0; t0 < r1; t0 += 16) {
        int rows = repacked ? 16 : r1 - t0 < 16 ? r1 - t0 : 16;
        if (repacked) {
            gemm_unpack_x16_avx2(type, w, t0 / 16, groups, tile, ts, tb);
        } else {
            gemm_unpack_rows_avx2(type, w, row_bytes, t0, rows, columns, groups, tile, ts, tb);
        }
        int32_t first = t0 < r0 ? r0 : t0, end = t0 + rows < r1 ? t0 + rows : r1;
        switch (type) {
        case T_Q4_0: case T_Q4_1: case T_Q4_K: case T_Q4_0X16: /* 0..15: 8 x 2 x 15 x 127 fits 16 bits */
            gemm_tile_avx2(tile, ts, tb, groups, 32, 8, 0, nvec, xq, dx, sx, out, out_stride, t0, first, end, r0);
            break;
        case T_Q5_0: case T_Q5_1: case T_Q5_K: /* 0..31 */
            gemm_tile_avx2(tile, ts, tb, groups, 32, 4, 0, nvec, xq, dx, sx, out, out_stride, t0, first, end, r0);
            break;
        case T_Q6_K: /* 0..63 */
            gemm_tile_avx2(tile, ts, tb, groups, 16, 2, 0, nvec, xq, dx, sx, out, out_stride, t0, first, end, r0);
            break;
        case T_Q2_K: case T_Q3_K: /* 0..7 */
            gemm_tile_avx2(tile, ts, tb, groups, 16, 4, 0, nvec, xq, dx, sx, out, out_stride, t0, first, end, r0);
            break;
        default: /* Q8_0, IQ4_NL, IQ4_XS: signed */
            gemm_tile_avx2(tile, ts, tb, groups, 32, 1, 1, nvec, xq, dx, sx, out, out_stride, t0, first, end, r0);
        }
    }
    gemm_work_free_avx2(&k);
}

#define GEMM2_EXPORT(tname, type, ablock, asum)                                                              \
EXPORT void catena_gemm_##tname##_avx2(const uint8_t *w, int64_t row_bytes, int32_t columns, int32_t nvec,    \
        const int64_t *xq, const int64_t *xd, const int64_t *xs, float *out, int32_t out_stride, int32_t r0, int32_t r1) { \
    gemm_avx2(type, w, row_bytes, columns, nvec, xq, xd, xs, ablock, asum, out, out_stride, r0, r1);               \
}

GEMM_TYPES(GEMM2_EXPORT)

/*
 * F32, F16, BF16 batches (float activations, xq[v] a float pointer): a tile of 8 rows is widened to floats once
 * and transposed (8 rows per column in one vector), then one FMA per column multiplies the 8 rows by a broadcast
 * activation, 8 vectors at a time in 8 chains.
 */
static void gemm_float_avx2(int type, const uint8_t *w, int64_t row_bytes, int32_t columns, int32_t nvec, const int64_t *xq,
                            float *out, int32_t out_stride, int32_t r0, int32_t r1) {
    int32_t padded = (columns + 7) / 8 * 8;
    float *tile = aligned_alloc(64, (size_t) padded * 8 * sizeof(float));
    for (int32_t t0 = r0; t0 < r1; t0 += 8) {
        int rows = r1 - t0 < 8 ? r1 - t0 : 8;
        for (int32_t k0 = 0; k0 < columns; k0 += 8) {
            __m256i z[8];
            for (int i = 0; i < 8; i++) {
                const uint8_t *row = w + (int64_t) (t0 + i) * row_bytes;
                if (i >= rows) {
                    z[i] = _mm256_setzero_si256();
                } else if (k0 + 8 <= columns) {
                    z[i] = _mm256_castps_si256(load8_avx2(row, type, k0));
                } else {
                    float tail[8] = {0};
                    for (int32_t j = k0; j < columns; j++) tail[j - k0] = element_float(row, type, j);
                    z[i] = _mm256_castps_si256(_mm256_loadu_ps(tail));
                }
            }
            transpose_8x8_avx2(z);
            for (int j = 0; j < 8; j++) _mm256_store_si256((__m256i *)(tile + (int64_t) (k0 + j) * 8), z[j]);
        }
        for (int32_t v0 = 0; v0 < nvec; v0 += GEMM2_FLOAT_VECTORS) {
            int nv = nvec - v0 < GEMM2_FLOAT_VECTORS ? nvec - v0 : GEMM2_FLOAT_VECTORS;
            const float *x[GEMM2_FLOAT_VECTORS];
            __m256 acc[GEMM2_FLOAT_VECTORS];
            for (int v = 0; v < GEMM2_FLOAT_VECTORS; v++) {
                x[v] = (const float *) (intptr_t) xq[v0 + (v < nv ? v : 0)];
                acc[v] = _mm256_setzero_ps();
            }
            for (int32_t k = 0; k < columns; k++) {
                __m256 t = _mm256_load_ps(tile + (int64_t) k * 8);
                for (int v = 0; v < GEMM2_FLOAT_VECTORS; v++) acc[v] = _mm256_fmadd_ps(t, _mm256_set1_ps(x[v][k]), acc[v]);
            }
            for (int v = 0; v < nv; v++) {
                float res[8];
                _mm256_storeu_ps(res, acc[v]);
                memcpy(out + (int64_t) (v0 + v) * out_stride + (t0 - r0), res, (size_t) rows * sizeof(float));
            }
        }
    }
    free(tile);
}

#define GEMM2_FLOAT_EXPORT(name, type)                                                                  \
EXPORT void name(const uint8_t *w, int64_t row_bytes, int32_t columns, int32_t nvec, const int64_t *xq,   \
                 const int64_t *xd, const int64_t *xs, float *out, int32_t out_stride, int32_t r0, int32_t r1) { \
    (void) xd; (void) xs;                                                                               \
    gemm_float_avx2(type, w, row_bytes, columns, nvec, xq, out, out_stride, r0, r1);                    \
}

GEMM2_FLOAT_EXPORT(catena_gemm_f32_avx2, FL_F32)
GEMM2_FLOAT_EXPORT(catena_gemm_f16_avx2, FL_F16)
GEMM2_FLOAT_EXPORT(catena_gemm_bf16_avx2, FL_BF16)

/* ---- activation quantization (as catena_quantize_*_avx512vnni: bit for bit QuantizedVector.quantize) ---- */

static inline float hmax_avx2(__m256 v) {
    __m128 m = _mm_max_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    m = _mm_max_ps(m, _mm_movehl_ps(m, m));
    m = _mm_max_ss(m, _mm_movehdup_ps(m));
    return _mm_cvtss_f32(m);
}

static inline __m256 abs_avx2(__m256 v) {
    return _mm256_and_ps(v, _mm256_castsi256_ps(_mm256_set1_epi32(0x7FFFFFFF)));
}

/* 16 int32 values (at most 127 in magnitude) as 16 bytes, in order. */
static inline __m128i bytes16_avx2(__m256i q0, __m256i q1) {
    __m256i p = _mm256_permute4x64_epi64(_mm256_packs_epi32(q0, q1), _MM_SHUFFLE(3, 1, 2, 0));
    return _mm_packs_epi16(_mm256_castsi256_si128(p), _mm256_extracti128_si256(p, 1));
}

/* Q8_0: per block of 32, d = amax / 127 rounded to F16, q = rint(x * (127 / amax)), one sum per block. */
EXPORT void catena_quantize_q8_0_avx2(const float *x, int32_t n, int8_t *qs, int8_t *xn, float *d, int16_t *s) {
    for (int32_t b = 0; b < n / 32; b++) {
        __m256 v[4];
        __m256 m = _mm256_setzero_ps();
        for (int k = 0; k < 4; k++) {
            v[k] = _mm256_loadu_ps(x + 32 * b + 8 * k);
            m = _mm256_max_ps(m, abs_avx2(v[k]));
        }
        float amax = hmax_avx2(m);
        __m256 id = _mm256_set1_ps(amax != 0.0f ? 127.0f / amax : 0.0f);
        __m256i q[4];
        for (int k = 0; k < 4; k++) q[k] = _mm256_cvtps_epi32(_mm256_mul_ps(v[k], id));
        __m128i lo = bytes16_avx2(q[0], q[1]), hi = bytes16_avx2(q[2], q[3]);
        _mm_storeu_si128((__m128i *)(qs + 32 * b), lo);
        _mm_storeu_si128((__m128i *)(qs + 32 * b + 16), hi);
        /* per group of 4 blocks: the first 16 values of each block, then the last 16 of each */
        int8_t *g = xn + (b / 4) * 128 + (b % 4) * 16;
        _mm_storeu_si128((__m128i *) g, lo);
        _mm_storeu_si128((__m128i *)(g + 64), hi);
        d[b] = _cvtsh_ss(_cvtss_sh(amax / 127.0f, _MM_FROUND_TO_NEAREST_INT));
        s[b] = (int16_t) hsum_i_avx2(_mm256_add_epi32(_mm256_add_epi32(q[0], q[1]), _mm256_add_epi32(q[2], q[3])));
    }
}

/*
 * Q8_K: per block of 256, the scale from the value of largest magnitude (the first such), q = min(127,
 * rint(x * -127 / max)), d = 1 / (-127 / max), one sum per 16 values; a block of zeros has scale 0.
 */
EXPORT void catena_quantize_q8_k_avx2(const float *x, int32_t n, int8_t *qs, int8_t *xn, float *d, int16_t *s) {
    static const int paired[8] = {0, 2, 1, 3, 4, 6, 5, 7};
    for (int32_t b = 0; b < n / 256; b++) {
        const float *xb = x + 256 * b;
        __m256 m = _mm256_setzero_ps();
        for (int k = 0; k < 32; k++) m = _mm256_max_ps(m, abs_avx2(_mm256_loadu_ps(xb + 8 * k)));
        float amax = hmax_avx2(m);
        if (amax == 0.0f) {
            memset(qs + 256 * b, 0, 256);
            memset(xn + 256 * b, 0, 256);
            memset(s + 16 * b, 0, 32);
            d[b] = 0.0f;
            continue;
        }
        float max = 0.0f;
        for (int j = 0; j < 256; j++) {
            if ((xb[j] < 0 ? -xb[j] : xb[j]) == amax) {
                max = xb[j];
                break;
            }
        }
        float iscale = -127.0f / max;
        for (int g = 0; g < 16; g++) {
            __m256i q0 = _mm256_min_epi32(_mm256_cvtps_epi32(_mm256_mul_ps(_mm256_set1_ps(iscale), _mm256_loadu_ps(xb + 16 * g))),
                                          _mm256_set1_epi32(127));
            __m256i q1 = _mm256_min_epi32(_mm256_cvtps_epi32(_mm256_mul_ps(_mm256_set1_ps(iscale), _mm256_loadu_ps(xb + 16 * g + 8))),
                                          _mm256_set1_epi32(127));
            __m128i bytes = bytes16_avx2(q0, q1);
            _mm_storeu_si128((__m128i *)(qs + 256 * b + 16 * g), bytes);
            _mm_storeu_si128((__m128i *)(xn + 256 * b + 32 * paired[g / 2] + 16 * (g % 2)), bytes);
            s[16 * b + g] = (int16_t) hsum_i_avx2(_mm256_add_epi32(q0, q1));
        }
        d[b] = 1.0f / iscale;
    }
}
