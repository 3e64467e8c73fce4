/*
 * SIMD kernel bodies, included once per instruction set by catena_kernels.c with ISA (the name suffix)
 * and DPBUSD(acc, u, s) (acc + sums of four u8 x s8 products per 32-bit lane) defined.
 */
#define CAT2(a, b) a##_##b
#define CAT(a, b) CAT2(a, b)
#define FN(name) CAT(name, ISA)
#ifndef PREFETCH_BYTES
#define PREFETCH_BYTES 1024 /* software prefetch distance in the weight stream */
#endif

static inline float FN(hsum)(__m256 v) {
    __m128 s = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    s = _mm_add_ps(s, _mm_movehl_ps(s, s));
    s = _mm_add_ss(s, _mm_movehdup_ps(s));
    return _mm_cvtss_f32(s);
}

static inline int32_t FN(hsum_i)(__m256i v) {
    __m128i s = _mm_add_epi32(_mm256_castsi256_si128(v), _mm256_extracti128_si256(v, 1));
    s = _mm_add_epi32(s, _mm_shuffle_epi32(s, 0x4E));
    s = _mm_add_epi32(s, _mm_shuffle_epi32(s, 0xB1));
    return _mm_cvtsi128_si32(s);
}

/* Sums of products of 32 signed weights and 32 signed activations, as 8 int32 lanes. */
static inline __m256i FN(dot_s8)(__m256i w, __m256i x) {
    return DPBUSD(_mm256_setzero_si256(), _mm256_sign_epi8(w, w), _mm256_sign_epi8(x, w));
}

/* Asks for the cache lines of n bytes at p ahead of use. */
static inline void FN(prefetch_block)(const uint8_t *p, int n) {
    for (int o = 0; o < n; o += 64) {
        _mm_prefetch((const char *)(p + o), _MM_HINT_T0);
    }
}

static inline float FN(f16)(ggml_half h) {
    return _cvtsh_ss(h);
}

/* 32 bytes: low nibbles of the 16 bytes at p, then their high nibbles. */
static inline __m256i FN(nibbles)(const uint8_t *p) {
    __m128i q = _mm_loadu_si128((const __m128i *) p);
    __m256i v = _mm256_set_m128i(_mm_srli_epi16(q, 4), q);
    return _mm256_and_si256(v, _mm256_set1_epi8(0x0F));
}

EXPORT KERNEL(FN(catena_q8_0)) {
    (void) xsum;
    for (int32_t r = r0; r < r1; r++) {
        const block_q8_0 *b = (const block_q8_0 *) (w + r * row_bytes);
        __m256 acc0 = _mm256_setzero_ps();
        __m256 acc1 = _mm256_setzero_ps();
        int32_t i = 0;
        for (; i + 1 < blocks; i += 2) {
            _mm_prefetch((const char *) &b[i] + PREFETCH_BYTES, _MM_HINT_T0);
            _mm_prefetch((const char *) &b[i] + PREFETCH_BYTES + 64, _MM_HINT_T0);
            __m256i q0 = _mm256_loadu_si256((const __m256i *) b[i].qs);
            __m256i q1 = _mm256_loadu_si256((const __m256i *) b[i + 1].qs);
            __m256i x0 = _mm256_loadu_si256((const __m256i *)(xq + i * 32));
            __m256i x1 = _mm256_loadu_si256((const __m256i *)(xq + i * 32 + 32));
            acc0 = _mm256_fmadd_ps(_mm256_cvtepi32_ps(FN(dot_s8)(q0, x0)), _mm256_set1_ps(FN(f16)(b[i].d) * xd[i]), acc0);
            acc1 = _mm256_fmadd_ps(_mm256_cvtepi32_ps(FN(dot_s8)(q1, x1)), _mm256_set1_ps(FN(f16)(b[i + 1].d) * xd[i + 1]), acc1);
        }
        for (; i < blocks; i++) {
            __m256i q = _mm256_loadu_si256((const __m256i *) b[i].qs);
            __m256i x = _mm256_loadu_si256((const __m256i *)(xq + i * 32));
            acc0 = _mm256_fmadd_ps(_mm256_cvtepi32_ps(FN(dot_s8)(q, x)), _mm256_set1_ps(FN(f16)(b[i].d) * xd[i]), acc0);
        }
        out[r] = FN(hsum)(_mm256_add_ps(acc0, acc1));
    }
}

EXPORT KERNEL(FN(catena_q4_0)) {
    (void) xsum;
    const __m256i eight = _mm256_set1_epi8(8);
    for (int32_t r = r0; r < r1; r++) {
        const block_q4_0 *b = (const block_q4_0 *) (w + r * row_bytes);
        __m256 acc = _mm256_setzero_ps();
        for (int32_t i = 0; i < blocks; i++) {
            _mm_prefetch((const char *) &b[i] + PREFETCH_BYTES, _MM_HINT_T0);
            __m256i q = _mm256_sub_epi8(FN(nibbles)(b[i].qs), eight);
            __m256i x = _mm256_loadu_si256((const __m256i *)(xq + i * 32));
            __m256 s = _mm256_cvtepi32_ps(FN(dot_s8)(q, x));
            acc = _mm256_fmadd_ps(s, _mm256_set1_ps(FN(f16)(b[i].d) * xd[i]), acc);
        }
        out[r] = FN(hsum)(acc);
    }
}

/* Byte i is 0x10 where bit i of the 32-bit mask is set, else 0. */
static inline __m256i FN(bit4_from_mask)(uint32_t bits) {
    const __m256i pick = _mm256_setr_epi64x(0, 0x0101010101010101LL, 0x0202020202020202LL, 0x0303030303030303LL);
    const __m256i bit = _mm256_set1_epi64x((long long) 0x8040201008040201ULL);
    __m256i v = _mm256_shuffle_epi8(_mm256_set1_epi32((int32_t) bits), pick);
    __m256i set = _mm256_cmpeq_epi8(_mm256_and_si256(v, bit), bit);
    return _mm256_and_si256(set, _mm256_set1_epi8(0x10));
}

EXPORT KERNEL(FN(catena_q5_0)) {
    (void) xsum;
    const __m256i sixteen = _mm256_set1_epi8(16);
    for (int32_t r = r0; r < r1; r++) {
        const block_q5_0 *b = (const block_q5_0 *) (w + r * row_bytes);
        __m256 acc = _mm256_setzero_ps();
        for (int32_t i = 0; i < blocks; i++) {
            _mm_prefetch((const char *) &b[i] + PREFETCH_BYTES, _MM_HINT_T0);
            __m256i q = _mm256_or_si256(FN(nibbles)(b[i].qs), FN(bit4_from_mask)(rd32(b[i].qh)));
            q = _mm256_sub_epi8(q, sixteen);
            __m256i x = _mm256_loadu_si256((const __m256i *)(xq + i * 32));
            __m256 s = _mm256_cvtepi32_ps(FN(dot_s8)(q, x));
            acc = _mm256_fmadd_ps(s, _mm256_set1_ps(FN(f16)(b[i].d) * xd[i]), acc);
        }
        out[r] = FN(hsum)(acc);
    }
}

/* Q4_1 (qh NULL) or Q5_1: unsigned quants straight into DPBUSD; the minimum adds m xd sum(x) per block. */
#define ROW_45_1(T, QH)                                                                                      \
    for (int32_t r = r0; r < r1; r++) {                                                                   \
        const T *b = (const T *) (w + r * row_bytes);                                                     \
        __m256 acc = _mm256_setzero_ps();                                                                 \
        float macc = 0;                                                                                   \
        for (int32_t i = 0; i < blocks; i++) {                                                            \
            _mm_prefetch((const char *) &b[i] + PREFETCH_BYTES, _MM_HINT_T0);                             \
            __m256i q = FN(nibbles)(b[i].qs);                                                              \
            QH;                                                                                           \
            __m256i x = _mm256_loadu_si256((const __m256i *)(xq + i * 32));                               \
            __m256 s = _mm256_cvtepi32_ps(DPBUSD(_mm256_setzero_si256(), q, x));                           \
            acc = _mm256_fmadd_ps(s, _mm256_set1_ps(FN(f16)(b[i].d) * xd[i]), acc);                        \
            macc += FN(f16)(b[i].m) * xd[i] * (float) xsum[i];                                            \
        }                                                                                                 \
        out[r] = FN(hsum)(acc) + macc;                                                                    \
    }

EXPORT KERNEL(FN(catena_q4_1)) {
    (void) xn;
    ROW_45_1(block_q4_1, (void) 0)
}

EXPORT KERNEL(FN(catena_q5_1)) {
    (void) xn;
    ROW_45_1(block_q5_1, q = _mm256_or_si256(q, FN(bit4_from_mask)(rd32(b[i].qh))))
}
#undef ROW_45_1

/* Q4_K and Q5_K: per sub-block pair the low and high nibbles of 32 bytes (plus a fifth bit for Q5_K). */
static inline float FN(q45_k_block)(ggml_half d, ggml_half dmin, const uint8_t *scales, const uint8_t *qs,
                                    const uint8_t *qh, const int8_t *x, const int16_t *bs, float xd) {
    int sc[8], m[8];
    for (int s = 0; s < 8; s++) k_scale_min(scales, s, &sc[s], &m[s]);
    const __m256i low = _mm256_set1_epi8(0x0F);
    const __m256i one = _mm256_set1_epi8(1);
    __m256i hb = qh ? _mm256_loadu_si256((const __m256i *) qh) : _mm256_setzero_si256();
    __m256i isum = _mm256_setzero_si256();
    int32_t summ = 0;
    for (int p = 0; p < 4; p++) {
        __m256i q = _mm256_loadu_si256((const __m256i *)(qs + p * 32));
        __m256i lo = _mm256_and_si256(q, low);
        __m256i hi = _mm256_and_si256(_mm256_srli_epi16(q, 4), low);
        if (qh) {
            lo = _mm256_or_si256(lo, _mm256_slli_epi16(_mm256_and_si256(_mm256_srl_epi16(hb, _mm_cvtsi32_si128(2 * p)), one), 4));
            hi = _mm256_or_si256(hi, _mm256_slli_epi16(_mm256_and_si256(_mm256_srl_epi16(hb, _mm_cvtsi32_si128(2 * p + 1)), one), 4));
        }
        __m256i d0 = DPBUSD(_mm256_setzero_si256(), lo, _mm256_loadu_si256((const __m256i *)(x + p * 64)));
        __m256i d1 = DPBUSD(_mm256_setzero_si256(), hi, _mm256_loadu_si256((const __m256i *)(x + p * 64 + 32)));
        isum = _mm256_add_epi32(isum, _mm256_mullo_epi32(d0, _mm256_set1_epi32(sc[2 * p])));
        isum = _mm256_add_epi32(isum, _mm256_mullo_epi32(d1, _mm256_set1_epi32(sc[2 * p + 1])));
        summ += m[2 * p] * (bs[4 * p] + bs[4 * p + 1]) + m[2 * p + 1] * (bs[4 * p + 2] + bs[4 * p + 3]);
    }
    return xd * (FN(f16)(d) * (float) FN(hsum_i)(isum) - FN(f16)(dmin) * (float) summ);
}

EXPORT KERNEL(FN(catena_q4_k)) {
    for (int32_t r = r0; r < r1; r++) {
        const block_q4_K *b = (const block_q4_K *) (w + r * row_bytes);
        float acc = 0;
        for (int32_t i = 0; i < blocks; i++) {
            FN(prefetch_block)((const uint8_t *) &b[i] + PREFETCH_BYTES, sizeof(block_q4_K));
            acc += FN(q45_k_block)(b[i].d, b[i].dmin, b[i].scales, b[i].qs, NULL, xq + i * 256, xsum + i * 16, xd[i]);
        }
        out[r] = acc;
    }
}

EXPORT KERNEL(FN(catena_q5_k)) {
    for (int32_t r = r0; r < r1; r++) {
        const block_q5_K *b = (const block_q5_K *) (w + r * row_bytes);
        float acc = 0;
        for (int32_t i = 0; i < blocks; i++) {
            FN(prefetch_block)((const uint8_t *) &b[i] + PREFETCH_BYTES, sizeof(block_q5_K));
            acc += FN(q45_k_block)(b[i].d, b[i].dmin, b[i].scales, b[i].qs, b[i].qh, xq + i * 256, xsum + i * 16, xd[i]);
        }
        out[r] = acc;
    }
}

EXPORT KERNEL(FN(catena_q6_k)) {
    const __m256i low = _mm256_set1_epi8(0x0F);
    const __m256i two = _mm256_set1_epi8(3);
    for (int32_t r = r0; r < r1; r++) {
        const block_q6_K *b = (const block_q6_K *) (w + r * row_bytes);
        float acc = 0;
        for (int32_t i = 0; i < blocks; i++) {
            FN(prefetch_block)((const uint8_t *) &b[i] + PREFETCH_BYTES, sizeof(block_q6_K));
            const int8_t *x = xq + i * 256;
            const int16_t *bs = xsum + i * 16;
            const int8_t *scales = b[i].scales;
            __m256i isum = _mm256_setzero_si256();
            int32_t offset = 0;
            for (int s = 0; s < 16; s++) offset += scales[s] * bs[s];
            for (int half = 0; half < 2; half++) {
                __m256i q0 = _mm256_loadu_si256((const __m256i *)(b[i].ql + half * 64));
                __m256i q1 = _mm256_loadu_si256((const __m256i *)(b[i].ql + half * 64 + 32));
                __m256i qh = _mm256_loadu_si256((const __m256i *)(b[i].qh + half * 32));
                __m256i u[4];
                u[0] = _mm256_or_si256(_mm256_and_si256(q0, low), _mm256_slli_epi16(_mm256_and_si256(qh, two), 4));
                u[1] = _mm256_or_si256(_mm256_and_si256(q1, low), _mm256_slli_epi16(_mm256_and_si256(_mm256_srli_epi16(qh, 2), two), 4));
                u[2] = _mm256_or_si256(_mm256_and_si256(_mm256_srli_epi16(q0, 4), low), _mm256_slli_epi16(_mm256_and_si256(_mm256_srli_epi16(qh, 4), two), 4));
                u[3] = _mm256_or_si256(_mm256_and_si256(_mm256_srli_epi16(q1, 4), low), _mm256_slli_epi16(_mm256_and_si256(_mm256_srli_epi16(qh, 6), two), 4));
                for (int j = 0; j < 4; j++) {
                    int e0 = half * 128 + j * 32;
                    __m256i d = DPBUSD(_mm256_setzero_si256(), u[j], _mm256_loadu_si256((const __m256i *)(x + e0)));
                    int32_t sa = scales[e0 >> 4], sb = scales[(e0 >> 4) + 1];
                    isum = _mm256_add_epi32(isum, _mm256_mullo_epi32(d, _mm256_setr_epi32(sa, sa, sa, sa, sb, sb, sb, sb)));
                }
            }
            acc += xd[i] * FN(f16)(b[i].d) * (float) (FN(hsum_i)(isum) - 32 * offset);
        }
        out[r] = acc;
    }
}

/* IQ4_NL and IQ4_XS: the 4-bit indices through the code book with one byte shuffle, then signed products. */
static inline __m256i FN(iq4_values)(const uint8_t *qs) {
    const __m256i book = _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *) IQ4_VALUES));
    return _mm256_shuffle_epi8(book, FN(nibbles)(qs));
}

EXPORT KERNEL(FN(catena_iq4_nl)) {
    (void) xn; (void) xsum;
    for (int32_t r = r0; r < r1; r++) {
        const block_iq4_nl *b = (const block_iq4_nl *) (w + r * row_bytes);
        __m256 acc = _mm256_setzero_ps();
        for (int32_t i = 0; i < blocks; i++) {
            _mm_prefetch((const char *) &b[i] + PREFETCH_BYTES, _MM_HINT_T0);
            __m256i x = _mm256_loadu_si256((const __m256i *)(xq + i * 32));
            __m256 s = _mm256_cvtepi32_ps(FN(dot_s8)(FN(iq4_values)(b[i].qs), x));
            acc = _mm256_fmadd_ps(s, _mm256_set1_ps(FN(f16)(b[i].d) * xd[i]), acc);
        }
        out[r] = FN(hsum)(acc);
    }
}

EXPORT KERNEL(FN(catena_iq4_xs)) {
    (void) xn; (void) xsum;
    for (int32_t r = r0; r < r1; r++) {
        const block_iq4_xs *b = (const block_iq4_xs *) (w + r * row_bytes);
        __m256 acc = _mm256_setzero_ps();
        for (int32_t i = 0; i < blocks; i++) {
            FN(prefetch_block)((const uint8_t *) &b[i] + PREFETCH_BYTES, sizeof(block_iq4_xs));
            const int8_t *x = xq + i * 256;
            __m256i isum = _mm256_setzero_si256();
            for (int ib = 0; ib < 8; ib += 2) {
                __m256i d0 = FN(dot_s8)(FN(iq4_values)(b[i].qs + 16 * ib), _mm256_loadu_si256((const __m256i *)(x + 32 * ib)));
                __m256i d1 = FN(dot_s8)(FN(iq4_values)(b[i].qs + 16 * ib + 16), _mm256_loadu_si256((const __m256i *)(x + 32 * ib + 32)));
                isum = _mm256_add_epi32(isum, _mm256_mullo_epi32(d0, _mm256_set1_epi32(iq4_xs_scale(&b[i], ib) - 32)));
                isum = _mm256_add_epi32(isum, _mm256_mullo_epi32(d1, _mm256_set1_epi32(iq4_xs_scale(&b[i], ib + 1) - 32)));
            }
            acc = _mm256_fmadd_ps(_mm256_cvtepi32_ps(isum), _mm256_set1_ps(FN(f16)(b[i].d) * xd[i]), acc);
        }
        out[r] = FN(hsum)(acc);
    }
}

#undef FN
#undef CAT
#undef CAT2
