/*
 * F32, F16 and BF16 weight rows times F32 activations (ActivationFormat.F32: the activations as they are,
 * passed as xq), included by catena_kernels.c once per instruction set with ISA defined. Eight weights at a
 * time are widened to floats (F16 by F16C's vcvtph2ps, BF16 by a 16-bit shift) and multiplied in four
 * independent FMA chains; the products are memory-bound, so 256-bit vectors keep up with the stream.
 */
#define FL_CAT2(a, b) a##_##b
#define FL_CAT(a, b) FL_CAT2(a, b)
#define FL(name) FL_CAT(name, ISA)

/* Weights j..j+7 of a row of the given type, as floats. */
static inline __m256 FL(load8)(const uint8_t *row, int type, int64_t j) {
    switch (type) {
    case FL_F32: return _mm256_loadu_ps((const float *) row + j);
    case FL_F16: return _mm256_cvtph_ps(_mm_loadu_si128((const __m128i *)((const uint16_t *) row + j)));
    default: return _mm256_castsi256_ps(_mm256_slli_epi32(
            _mm256_cvtepu16_epi32(_mm_loadu_si128((const __m128i *)((const uint16_t *) row + j))), 16));
    }
}

static inline float FL(row_float)(const uint8_t *row, int type, const float *x, int32_t n) {
    const int bytes = type == FL_F32 ? 4 : 2;
    __m256 a0 = _mm256_setzero_ps(), a1 = _mm256_setzero_ps(), a2 = _mm256_setzero_ps(), a3 = _mm256_setzero_ps();
    int32_t j = 0;
    for (; j + 32 <= n; j += 32) {
        _mm_prefetch((const char *) row + (int64_t) j * bytes + PREFETCH_BYTES, _MM_HINT_T0);
        _mm_prefetch((const char *) row + (int64_t) j * bytes + PREFETCH_BYTES + 64, _MM_HINT_T0);
        a0 = _mm256_fmadd_ps(FL(load8)(row, type, j), _mm256_loadu_ps(x + j), a0);
        a1 = _mm256_fmadd_ps(FL(load8)(row, type, j + 8), _mm256_loadu_ps(x + j + 8), a1);
        a2 = _mm256_fmadd_ps(FL(load8)(row, type, j + 16), _mm256_loadu_ps(x + j + 16), a2);
        a3 = _mm256_fmadd_ps(FL(load8)(row, type, j + 24), _mm256_loadu_ps(x + j + 24), a3);
    }
    for (; j + 8 <= n; j += 8) {
        a0 = _mm256_fmadd_ps(FL(load8)(row, type, j), _mm256_loadu_ps(x + j), a0);
    }
    __m256 s = _mm256_add_ps(_mm256_add_ps(a0, a1), _mm256_add_ps(a2, a3));
    __m128 h = _mm_add_ps(_mm256_castps256_ps128(s), _mm256_extractf128_ps(s, 1));
    h = _mm_add_ps(h, _mm_movehl_ps(h, h));
    h = _mm_add_ss(h, _mm_movehdup_ps(h));
    float acc = _mm_cvtss_f32(h);
    for (; j < n; j++) {
        acc += element_float(row, type, j) * x[j];
    }
    return acc;
}

EXPORT KERNEL(FL(catena_f32)) {
    (void) xn; (void) xd; (void) xsum;
    for (int32_t r = r0; r < r1; r++) out[r] = FL(row_float)(w + r * row_bytes, FL_F32, (const float *) xq, blocks);
}

EXPORT KERNEL(FL(catena_f16)) {
    (void) xn; (void) xd; (void) xsum;
    for (int32_t r = r0; r < r1; r++) out[r] = FL(row_float)(w + r * row_bytes, FL_F16, (const float *) xq, blocks);
}

EXPORT KERNEL(FL(catena_bf16)) {
    (void) xn; (void) xd; (void) xsum;
    for (int32_t r = r0; r < r1; r++) out[r] = FL(row_float)(w + r * row_bytes, FL_BF16, (const float *) xq, blocks);
}

#undef FL
#undef FL_CAT
#undef FL_CAT2
