/*
 * Catena native kernels: integer dot products of quantized weight rows (Q4_0, Q4_1, Q5_0, Q5_1, Q8_0,
 * Q2_K, Q3_K, Q4_K, Q5_K, Q6_K, IQ4_NL, IQ4_XS, in GGUF block layout) with activations quantized to 8 bits (Q8_0 blocks of 32 with one scale per
 * block, or Q8_K blocks of 256 with one scale and 16 sums of 16 per block).
 *
 * Every kernel has the signature
 *   void catena_<type>_<isa>(const uint8_t *w, int64_t row_bytes, const int8_t *xq, const int8_t *xn,
 *                            const float *xd, const int16_t *xsum, float *out, int32_t r0, int32_t r1,
 *                            int32_t blocks)
 * and writes out[r] = row r of w . x for r0 <= r < r1. xn holds the activations again in the order the
 * AVX-512 4-bit kernels read them (QuantizedVector.nibbleOrder): for Q8_0, per group of 4 blocks the first
 * 16 values of each block, then the last 16 of each; for Q8_K, per block of 256 the sub-blocks of 32 in the
 * order 0 2 1 3 4 6 5 7. Other kernels ignore it. <isa> is scalar, avx2 or avx512vnni; the caller
 * picks one with catena_cpu_features().
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <immintrin.h>
#include <sys/mman.h>

#include "catena_blocks.h"

#define EXPORT __attribute__((visibility("default")))

/* ---- block layouts (catena_blocks.h), for the Java side's check ------------------------------- */

static const catena_block_layout_t *find_layout(int32_t id) {
    for (size_t i = 0; i < sizeof(CATENA_BLOCK_LAYOUTS) / sizeof(CATENA_BLOCK_LAYOUTS[0]); i++) {
        if (CATENA_BLOCK_LAYOUTS[i].id == id) {
            return &CATENA_BLOCK_LAYOUTS[i];
        }
    }
    return NULL;
}

/** Bytes per block of ggml type id, its elements per block into *elements; -1 for an id without a layout. */
EXPORT int32_t catena_block_layout(int32_t id, int32_t *elements) {
    const catena_block_layout_t *l = find_layout(id);
    if (l == NULL) {
        return -1;
    }
    *elements = l->elements;
    return l->size;
}

/** Part index of type id's block: its name, with its byte offset and size; NULL past the last part. */
EXPORT const char *catena_block_part(int32_t id, int32_t index, int32_t *offset, int32_t *size) {
    const catena_block_layout_t *l = find_layout(id);
    if (l == NULL || index < 0 || index >= CATENA_MAX_PARTS || l->parts[index].name == NULL) {
        return NULL;
    }
    *offset = l->parts[index].offset;
    *size = l->parts[index].size;
    return l->parts[index].name;
}

/* ---- CPU features ---------------------------------------------------------------------------- */

/** Bit 0: AVX2+FMA+F16C; bit 1: AVX-512 F/BW/VL/DQ with VNNI and VBMI, and BMI2 (Ice Lake, Zen 4 and later). */
EXPORT int32_t catena_cpu_features(void) {
    __builtin_cpu_init();
    int32_t f = 0;
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) {
        f |= 1;
    }
    if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw")
            && __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512dq")
            && __builtin_cpu_supports("avx512vnni") && __builtin_cpu_supports("avx512vbmi")
            && __builtin_cpu_supports("bmi2")) {
        f |= 2;
    }
    return f;
}

/* ---- weight memory ---------------------------------------------------------------------------- */

/**
 * Anonymous memory for copies of weight matrices, asking the kernel for transparent huge pages: streaming
 * hundreds of MB through 4 KiB pages costs a TLB miss every 4 KiB, which held the matrix-vector kernels
 * to ~11 GB/s where huge pages reach ~16 GB/s on the benchmark VM. NULL when the mapping fails.
 */
EXPORT void *catena_alloc_weights(int64_t size) {
    const size_t huge = 2u << 20;
    size_t n = (size_t) size;
    uint8_t *p = mmap(NULL, n + huge, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) {
        return NULL;
    }
    /* keep the 2 MiB-aligned part only, so that every whole 2 MiB of it can be one huge page */
    uint8_t *aligned = (uint8_t *) (((uintptr_t) p + huge - 1) & ~(uintptr_t) (huge - 1));
    if (aligned > p) {
        munmap(p, (size_t) (aligned - p));
    }
    munmap(aligned + n, (size_t) (p + n + huge - (aligned + n)));
#ifdef MADV_HUGEPAGE
    madvise(aligned, n, MADV_HUGEPAGE);
#endif
    return aligned;
}

EXPORT void catena_free_weights(void *p, int64_t size) {
    munmap(p, (size_t) size);
}

/* ---- scalar ---------------------------------------------------------------------------------- */

static float half_to_float(uint16_t h) {
    uint32_t sign = (uint32_t)(h & 0x8000) << 16;
    uint32_t exp = (h >> 10) & 0x1F;
    uint32_t man = h & 0x3FF;
    uint32_t bits;
    if (exp == 0) {
        if (man == 0) {
            bits = sign;
        } else { /* subnormal: normalise */
            int e = -1;
            do { man <<= 1; e++; } while ((man & 0x400) == 0);
            bits = sign | ((uint32_t)(127 - 15 - e) << 23) | ((man & 0x3FF) << 13);
        }
    } else if (exp == 31) {
        bits = sign | 0x7F800000u | (man << 13);
    } else {
        bits = sign | ((exp + 127 - 15) << 23) | (man << 13);
    }
    float f;
    memcpy(&f, &bits, 4);
    return f;
}

static inline uint32_t rd32(const uint8_t *p) { uint32_t v; memcpy(&v, p, 4); return v; }

/* The 6-bit scale and minimum of sub-block s of a Q4_K/Q5_K block (12 packed bytes at q). */
static inline void k_scale_min(const uint8_t *q, int s, int *sc, int *m) {
    if (s < 4) {
        *sc = q[s] & 63;
        *m = q[s + 4] & 63;
    } else {
        *sc = (q[s + 4] & 0x0F) | ((q[s - 4] >> 6) << 4);
        *m = (q[s + 4] >> 4) | ((q[s] >> 6) << 4);
    }
}

/* The signed 6-bit scale of sub-block j of a Q3_K block (12 packed bytes at s): low 4 bits in s[0..7], high 2 in s[8..11]. */
static inline int q3_k_scale(const uint8_t *s, int j) {
    int low = j < 8 ? s[j] & 0x0F : s[j - 8] >> 4;
    int high = (s[8 + (j & 3)] >> (2 * (j >> 2))) & 3;
    return (low | (high << 4)) - 32;
}

/* The float element types, as the float kernels take them. */
enum { FL_F32, FL_F16, FL_BF16 };

/* Element j of a row of F32, F16 or BF16 values, as a float. */
static inline float element_float(const uint8_t *row, int type, int64_t j) {
    if (type == FL_F32) {
        float f;
        memcpy(&f, row + 4 * j, 4);
        return f;
    }
    uint16_t h;
    memcpy(&h, row + 2 * j, 2);
    if (type == FL_F16) {
        return half_to_float(h);
    }
    uint32_t bits = (uint32_t) h << 16;
    float f;
    memcpy(&f, &bits, 4);
    return f;
}

#define KERNEL(name) void name(const uint8_t *w, int64_t row_bytes, const int8_t *xq, const int8_t *xn, \
        const float *xd, const int16_t *xsum, float *out, int32_t r0, int32_t r1, int32_t blocks)

EXPORT KERNEL(catena_q8_0_scalar) {
    (void) xsum;
    for (int32_t r = r0; r < r1; r++) {
        const block_q8_0 *b = (const block_q8_0 *) (w + r * row_bytes);
        float acc = 0;
        for (int32_t i = 0; i < blocks; i++) {
            const int8_t *x = xq + i * 32;
            int32_t s = 0;
            for (int j = 0; j < 32; j++) s += b[i].qs[j] * x[j];
            acc += (float) s * (half_to_float(b[i].d) * xd[i]);
        }
        out[r] = acc;
    }
}

EXPORT KERNEL(catena_q4_0_scalar) {
    (void) xsum;
    for (int32_t r = r0; r < r1; r++) {
        const block_q4_0 *b = (const block_q4_0 *) (w + r * row_bytes);
        float acc = 0;
        for (int32_t i = 0; i < blocks; i++) {
            const int8_t *x = xq + i * 32;
            int32_t s = 0;
            for (int j = 0; j < 16; j++) {
                s += ((b[i].qs[j] & 0x0F) - 8) * x[j] + ((b[i].qs[j] >> 4) - 8) * x[j + 16];
            }
            acc += (float) s * (half_to_float(b[i].d) * xd[i]);
        }
        out[r] = acc;
    }
}

EXPORT KERNEL(catena_q5_0_scalar) {
    (void) xsum;
    for (int32_t r = r0; r < r1; r++) {
        const block_q5_0 *b = (const block_q5_0 *) (w + r * row_bytes);
        float acc = 0;
        for (int32_t i = 0; i < blocks; i++) {
            const int8_t *x = xq + i * 32;
            uint32_t qh = rd32(b[i].qh);
            int32_t s = 0;
            for (int j = 0; j < 16; j++) {
                int lo = (b[i].qs[j] & 0x0F) | (((qh >> j) & 1) << 4);
                int hi = (b[i].qs[j] >> 4) | (((qh >> (j + 16)) & 1) << 4);
                s += (lo - 16) * x[j] + (hi - 16) * x[j + 16];
            }
            acc += (float) s * (half_to_float(b[i].d) * xd[i]);
        }
        out[r] = acc;
    }
}

/* Q4_1 (qh NULL) or Q5_1 block: value = d q + m, so the product is xd (d sum(q x) + m sum(x)). */
static inline float q45_1_scalar_block(ggml_half d, ggml_half m, const uint8_t *qs, const uint8_t *qh,
                                       const int8_t *x, int16_t xsum, float xd) {
    uint32_t h = qh ? rd32(qh) : 0;
    int32_t s = 0;
    for (int j = 0; j < 16; j++) {
        int lo = (qs[j] & 0x0F) | (((h >> j) & 1) << 4);
        int hi = (qs[j] >> 4) | (((h >> (j + 16)) & 1) << 4);
        s += lo * x[j] + hi * x[j + 16];
    }
    return xd * (half_to_float(d) * (float) s + half_to_float(m) * (float) xsum);
}

EXPORT KERNEL(catena_q4_1_scalar) {
    for (int32_t r = r0; r < r1; r++) {
        const block_q4_1 *b = (const block_q4_1 *) (w + r * row_bytes);
        float acc = 0;
        for (int32_t i = 0; i < blocks; i++) {
            acc += q45_1_scalar_block(b[i].d, b[i].m, b[i].qs, NULL, xq + i * 32, xsum[i], xd[i]);
        }
        out[r] = acc;
    }
}

EXPORT KERNEL(catena_q5_1_scalar) {
    for (int32_t r = r0; r < r1; r++) {
        const block_q5_1 *b = (const block_q5_1 *) (w + r * row_bytes);
        float acc = 0;
        for (int32_t i = 0; i < blocks; i++) {
            acc += q45_1_scalar_block(b[i].d, b[i].m, b[i].qs, b[i].qh, xq + i * 32, xsum[i], xd[i]);
        }
        out[r] = acc;
    }
}

/* Q4_K (qh NULL) or Q5_K block: d, dmin and scales at the same places, the quants qs, the fifth bits qh. */
static inline float q45_k_scalar_block(ggml_half d, ggml_half dmin, const uint8_t *scales, const uint8_t *qs,
                                       const uint8_t *qh, const int8_t *x, const int16_t *bs, float xd) {
    int32_t sumq = 0, summ = 0;
    for (int s = 0; s < 8; s++) {
        int sc, m;
        k_scale_min(scales, s, &sc, &m);
        const uint8_t *q = qs + (s >> 1) * 32;
        int shift = (s & 1) * 4;
        int32_t dot = 0;
        for (int l = 0; l < 32; l++) {
            int v = (q[l] >> shift) & 0x0F;
            if (qh) v |= ((qh[l] >> s) & 1) << 4;
            dot += v * x[s * 32 + l];
        }
        sumq += sc * dot;
        summ += m * (bs[2 * s] + bs[2 * s + 1]);
    }
    return xd * (half_to_float(d) * (float) sumq - half_to_float(dmin) * (float) summ);
}

EXPORT KERNEL(catena_q4_k_scalar) {
    for (int32_t r = r0; r < r1; r++) {
        const block_q4_K *b = (const block_q4_K *) (w + r * row_bytes);
        float acc = 0;
        for (int32_t i = 0; i < blocks; i++) {
            acc += q45_k_scalar_block(b[i].d, b[i].dmin, b[i].scales, b[i].qs, NULL, xq + i * 256, xsum + i * 16, xd[i]);
        }
        out[r] = acc;
    }
}

EXPORT KERNEL(catena_q5_k_scalar) {
    for (int32_t r = r0; r < r1; r++) {
        const block_q5_K *b = (const block_q5_K *) (w + r * row_bytes);
        float acc = 0;
        for (int32_t i = 0; i < blocks; i++) {
            acc += q45_k_scalar_block(b[i].d, b[i].dmin, b[i].scales, b[i].qs, b[i].qh, xq + i * 256, xsum + i * 16, xd[i]);
        }
        out[r] = acc;
    }
}

EXPORT KERNEL(catena_q6_k_scalar) {
    for (int32_t r = r0; r < r1; r++) {
        const block_q6_K *b = (const block_q6_K *) (w + r * row_bytes);
        float acc = 0;
        for (int32_t i = 0; i < blocks; i++) {
            const int8_t *x = xq + i * 256;
            const int16_t *bs = xsum + i * 16;
            const int8_t *scales = b[i].scales;
            int32_t sumq = 0;
            for (int half = 0; half < 2; half++) {
                const uint8_t *ql = b[i].ql + half * 64;
                const uint8_t *qh = b[i].qh + half * 32;
                for (int j = 0; j < 4; j++) {
                    int e0 = half * 128 + j * 32;
                    int32_t d0 = 0, d1 = 0;
                    for (int l = 0; l < 32; l++) {
                        int lo = (ql[((j & 1) << 5) + l] >> ((j >> 1) << 2)) & 0x0F;
                        int hi = (qh[l] >> (j << 1)) & 3;
                        int v = (lo | (hi << 4)) * x[e0 + l];
                        if (l < 16) d0 += v; else d1 += v;
                    }
                    sumq += scales[e0 >> 4] * (d0 - 32 * bs[e0 >> 4]) + scales[(e0 >> 4) + 1] * (d1 - 32 * bs[(e0 >> 4) + 1]);
                }
            }
            acc += xd[i] * half_to_float(b[i].d) * (float) sumq;
        }
        out[r] = acc;
    }
}

/* Q2_K (hm NULL: value = d (sc & 15) q - dmin (sc >> 4)) or Q3_K (value = d sc (q | hbit << 2) - 4 d sc): the
 * 2-bit quants of value e = 128 h + 32 j + l at bits 2j of qs[32 h + l], the Q3_K high bit at bit 4h + j of hm[l]. */
static inline void k23_scalar_dots(const uint8_t *qs, const uint8_t *hm, const int8_t *x, int32_t dots[16]) {
    for (int g = 0; g < 16; g++) dots[g] = 0;
    for (int e = 0; e < 256; e++) {
        int h = e >> 7, j = (e >> 5) & 3, l = e & 31;
        int v = (qs[32 * h + l] >> (2 * j)) & 3;
        if (hm) v |= ((hm[l] >> (4 * h + j)) & 1) << 2;
        dots[e >> 4] += v * x[e];
    }
}

EXPORT KERNEL(catena_q2_k_scalar) {
    (void) xn;
    for (int32_t r = r0; r < r1; r++) {
        const block_q2_K *b = (const block_q2_K *) (w + r * row_bytes);
        float acc = 0;
        for (int32_t i = 0; i < blocks; i++) {
            int32_t dots[16], sumq = 0, summ = 0;
            k23_scalar_dots(b[i].qs, NULL, xq + i * 256, dots);
            for (int g = 0; g < 16; g++) {
                sumq += (b[i].scales[g] & 0x0F) * dots[g];
                summ += (b[i].scales[g] >> 4) * xsum[i * 16 + g];
            }
            acc += xd[i] * (half_to_float(b[i].d) * (float) sumq - half_to_float(b[i].dmin) * (float) summ);
        }
        out[r] = acc;
    }
}

EXPORT KERNEL(catena_q3_k_scalar) {
    (void) xn;
    for (int32_t r = r0; r < r1; r++) {
        const block_q3_K *b = (const block_q3_K *) (w + r * row_bytes);
        float acc = 0;
        for (int32_t i = 0; i < blocks; i++) {
            int32_t dots[16], sumq = 0;
            k23_scalar_dots(b[i].qs, b[i].hmask, xq + i * 256, dots);
            for (int g = 0; g < 16; g++) {
                sumq += q3_k_scale(b[i].scales, g) * (dots[g] - 4 * xsum[i * 16 + g]);
            }
            acc += xd[i] * half_to_float(b[i].d) * (float) sumq;
        }
        out[r] = acc;
    }
}

/* The IQ4_NL / IQ4_XS code book (ggml's kvalues_iq4nl): a 4-bit index selects one of these signed values. */
static const int8_t IQ4_VALUES[16] = {-127, -104, -83, -65, -49, -35, -22, -10, 1, 13, 25, 38, 53, 69, 89, 113};

/* The code-book values of the 32 indices at qs (value j in the low nibble of byte j, j + 16 in its high one) . x. */
static inline int32_t iq4_scalar_dot32(const uint8_t *qs, const int8_t *x) {
    int32_t s = 0;
    for (int j = 0; j < 16; j++) {
        s += IQ4_VALUES[qs[j] & 0x0F] * x[j] + IQ4_VALUES[qs[j] >> 4] * x[j + 16];
    }
    return s;
}

/* The 6-bit scale of sub-block ib of an IQ4_XS block (the value is d (scale - 32) code). */
static inline int iq4_xs_scale(const block_iq4_xs *b, int ib) {
    return ((b->scales_l[ib >> 1] >> (4 * (ib & 1))) & 0x0F) | (((b->scales_h >> (2 * ib)) & 3) << 4);
}

EXPORT KERNEL(catena_iq4_nl_scalar) {
    (void) xn; (void) xsum;
    for (int32_t r = r0; r < r1; r++) {
        const block_iq4_nl *b = (const block_iq4_nl *) (w + r * row_bytes);
        float acc = 0;
        for (int32_t i = 0; i < blocks; i++) {
            acc += (float) iq4_scalar_dot32(b[i].qs, xq + i * 32) * (half_to_float(b[i].d) * xd[i]);
        }
        out[r] = acc;
    }
}

EXPORT KERNEL(catena_iq4_xs_scalar) {
    (void) xn; (void) xsum;
    for (int32_t r = r0; r < r1; r++) {
        const block_iq4_xs *b = (const block_iq4_xs *) (w + r * row_bytes);
        float acc = 0;
        for (int32_t i = 0; i < blocks; i++) {
            int32_t sumi = 0;
            for (int ib = 0; ib < 8; ib++) {
                sumi += (iq4_xs_scale(&b[i], ib) - 32) * iq4_scalar_dot32(b[i].qs + 16 * ib, xq + i * 256 + 32 * ib);
            }
            acc += xd[i] * half_to_float(b[i].d) * (float) sumi;
        }
        out[r] = acc;
    }
}

/* F32, F16, BF16: the activations are floats (ActivationFormat.F32), passed as xq; blocks = columns. */
static void float_rows_scalar(const uint8_t *w, int64_t row_bytes, int type, const float *x, float *out,
                              int32_t r0, int32_t r1, int32_t n) {
    for (int32_t r = r0; r < r1; r++) {
        float acc = 0;
        for (int32_t j = 0; j < n; j++) acc += element_float(w + r * row_bytes, type, j) * x[j];
        out[r] = acc;
    }
}

EXPORT KERNEL(catena_f32_scalar) {
    (void) xn; (void) xd; (void) xsum;
    float_rows_scalar(w, row_bytes, FL_F32, (const float *) xq, out, r0, r1, blocks);
}

EXPORT KERNEL(catena_f16_scalar) {
    (void) xn; (void) xd; (void) xsum;
    float_rows_scalar(w, row_bytes, FL_F16, (const float *) xq, out, r0, r1, blocks);
}

EXPORT KERNEL(catena_bf16_scalar) {
    (void) xn; (void) xd; (void) xsum;
    float_rows_scalar(w, row_bytes, FL_BF16, (const float *) xq, out, r0, r1, blocks);
}

/* ---- weights repacked in tiles of 16 rows (the layouts, the repacking; the kernels per instruction set) ---- */

#include "catena_tiles.h"

/* ---- AVX2: one block (or sub-block pair) per step, maddubs + madd, tiles and GEMM; AVX-512 VNNI in its own file ---- */

#pragma GCC push_options
#pragma GCC target("avx2,fma,f16c")
#define ISA avx2
#define DPBUSD(acc, u, s) _mm256_add_epi32((acc), _mm256_madd_epi16(_mm256_maddubs_epi16((u), (s)), _mm256_set1_epi16(1)))
#include "catena_kernels_simd.h"
#include "catena_kernels_k23.h"
#include "catena_kernels_float.h"
#include "catena_gemm.h"
#include "catena_kernels_avx2.h"
#undef DPBUSD
#undef ISA
#pragma GCC pop_options

#pragma GCC push_options
#pragma GCC target("avx2,fma,f16c,bmi2,avx512f,avx512bw,avx512vl,avx512dq,avx512vnni,avx512vbmi")
#undef PREFETCH_BYTES
#define PREFETCH_BYTES 2048 /* the AVX-512 kernels consume the stream faster: prefetch further ahead */
#define ISA avx512vnni
#include "catena_gemm.h"
#include "catena_kernels_avx512.h"
#include "catena_kernels_k23.h"
#include "catena_kernels_float.h"
#undef ISA
#pragma GCC pop_options
