/*
 * The block layout of every ggml storage type, as ggml's ggml-common.h declares it: one struct per type,
 * its size checked at compile time. The kernels index blocks through these structs (b[i].qs, b[i].d)
 * instead of byte offsets. CATENA_BLOCK_LAYOUTS lists each type's id, elements per block and parts;
 * catena_block_layout/catena_block_part export it so that a Java test checks GgmlType's layouts against it.
 *
 * Adding a type: its struct and _Static_assert here, its row in CATENA_BLOCK_LAYOUTS, its GgmlType
 * constant in Java with the same parts (BlockLayoutTest fails until the two agree).
 */
#ifndef CATENA_BLOCKS_H
#define CATENA_BLOCKS_H

#include <stddef.h>
#include <stdint.h>

#define QK_K 256

typedef uint16_t ggml_half; /* IEEE half, little-endian */

/* Plain element types: one element per "block". */
typedef struct { float value; } block_f32;
typedef struct { ggml_half value; } block_f16;
typedef struct { uint16_t value; } block_bf16; /* the upper 16 bits of an F32 */
typedef struct { int8_t value; } block_i8;
typedef struct { int16_t value; } block_i16;
typedef struct { int32_t value; } block_i32;
typedef struct { int64_t value; } block_i64;
typedef struct { double value; } block_f64;

/* Blocks of 32: x = d * q (+ m). qs holds value j in the low nibble of byte j, value j + 16 in its high one. */
typedef struct { ggml_half d; uint8_t qs[16]; } block_q4_0;
typedef struct { ggml_half d; ggml_half m; uint8_t qs[16]; } block_q4_1;
typedef struct { ggml_half d; uint8_t qh[4]; uint8_t qs[16]; } block_q5_0;       /* qh: bit j = fifth bit of value j */
typedef struct { ggml_half d; ggml_half m; uint8_t qh[4]; uint8_t qs[16]; } block_q5_1;
typedef struct { ggml_half d; int8_t qs[32]; } block_q8_0;
typedef struct { ggml_half d; ggml_half s; int8_t qs[32]; } block_q8_1;          /* s = d * sum(qs) */

/* K-quants: super-blocks of 256 in sub-blocks of 16 or 32 with packed sub-block scales. */
typedef struct { uint8_t scales[QK_K / 16]; uint8_t qs[QK_K / 4]; ggml_half d; ggml_half dmin; } block_q2_K;
typedef struct { uint8_t hmask[QK_K / 8]; uint8_t qs[QK_K / 4]; uint8_t scales[12]; ggml_half d; } block_q3_K;
typedef struct { ggml_half d; ggml_half dmin; uint8_t scales[12]; uint8_t qs[QK_K / 2]; } block_q4_K;
typedef struct { ggml_half d; ggml_half dmin; uint8_t scales[12]; uint8_t qh[QK_K / 8]; uint8_t qs[QK_K / 2]; } block_q5_K;
typedef struct { uint8_t ql[QK_K / 2]; uint8_t qh[QK_K / 4]; int8_t scales[QK_K / 16]; ggml_half d; } block_q6_K;
typedef struct { float d; int8_t qs[QK_K]; int16_t bsums[QK_K / 16]; } block_q8_K;

/* I-quants, ternary and FP4 types (read, not computed yet). */
typedef struct { ggml_half d; uint16_t qs[QK_K / 8]; } block_iq2_xxs;
typedef struct { ggml_half d; uint16_t qs[QK_K / 8]; uint8_t scales[QK_K / 32]; } block_iq2_xs;
typedef struct { ggml_half d; uint8_t qs[3 * QK_K / 8]; } block_iq3_xxs;
typedef struct { ggml_half d; uint8_t qs[QK_K / 8]; uint16_t qh[QK_K / 32]; } block_iq1_s;
typedef struct { ggml_half d; uint8_t qs[16]; } block_iq4_nl;
typedef struct { ggml_half d; uint8_t qs[QK_K / 4]; uint8_t qh[QK_K / 32]; uint8_t signs[QK_K / 8]; uint8_t scales[QK_K / 64]; } block_iq3_s;
typedef struct { ggml_half d; uint8_t qs[QK_K / 4]; uint8_t qh[QK_K / 32]; uint8_t scales[QK_K / 32]; } block_iq2_s;
typedef struct { ggml_half d; uint16_t scales_h; uint8_t scales_l[QK_K / 64]; uint8_t qs[QK_K / 2]; } block_iq4_xs;
typedef struct { uint8_t qs[QK_K / 8]; uint8_t qh[QK_K / 16]; uint8_t scales[QK_K / 32]; } block_iq1_m;
typedef struct { uint8_t qs[(QK_K - 4 * QK_K / 64) / 5]; uint8_t qh[QK_K / 64]; ggml_half d; } block_tq1_0;
typedef struct { uint8_t qs[QK_K / 4]; ggml_half d; } block_tq2_0;
typedef struct { uint8_t e; uint8_t qs[16]; } block_mxfp4;                       /* e: E8M0 scale */
typedef struct { uint8_t d[4]; uint8_t qs[32]; } block_nvfp4;                    /* d: UE4M3 scale per 16 */
typedef struct { ggml_half d; uint8_t qs[16]; } block_q1_0;                      /* 128 sign bits */

_Static_assert(sizeof(block_f32) == 4 && sizeof(block_f16) == 2 && sizeof(block_bf16) == 2, "float blocks");
_Static_assert(sizeof(block_i8) == 1 && sizeof(block_i16) == 2 && sizeof(block_i32) == 4, "integer blocks");
_Static_assert(sizeof(block_i64) == 8 && sizeof(block_f64) == 8, "64-bit blocks");
_Static_assert(sizeof(block_q4_0) == 18, "block_q4_0 size");
_Static_assert(sizeof(block_q4_1) == 20, "block_q4_1 size");
_Static_assert(sizeof(block_q5_0) == 22, "block_q5_0 size");
_Static_assert(sizeof(block_q5_1) == 24, "block_q5_1 size");
_Static_assert(sizeof(block_q8_0) == 34, "block_q8_0 size");
_Static_assert(sizeof(block_q8_1) == 36, "block_q8_1 size");
_Static_assert(sizeof(block_q2_K) == 84, "block_q2_K size");
_Static_assert(sizeof(block_q3_K) == 110, "block_q3_K size");
_Static_assert(sizeof(block_q4_K) == 144, "block_q4_K size");
_Static_assert(sizeof(block_q5_K) == 176, "block_q5_K size");
_Static_assert(sizeof(block_q6_K) == 210, "block_q6_K size");
_Static_assert(sizeof(block_q8_K) == 292, "block_q8_K size");
_Static_assert(sizeof(block_iq2_xxs) == 66, "block_iq2_xxs size");
_Static_assert(sizeof(block_iq2_xs) == 74, "block_iq2_xs size");
_Static_assert(sizeof(block_iq3_xxs) == 98, "block_iq3_xxs size");
_Static_assert(sizeof(block_iq1_s) == 50, "block_iq1_s size");
_Static_assert(sizeof(block_iq4_nl) == 18, "block_iq4_nl size");
_Static_assert(sizeof(block_iq3_s) == 110, "block_iq3_s size");
_Static_assert(sizeof(block_iq2_s) == 82, "block_iq2_s size");
_Static_assert(sizeof(block_iq4_xs) == 136, "block_iq4_xs size");
_Static_assert(sizeof(block_iq1_m) == 56, "block_iq1_m size");
_Static_assert(sizeof(block_tq1_0) == 54, "block_tq1_0 size");
_Static_assert(sizeof(block_tq2_0) == 66, "block_tq2_0 size");
_Static_assert(sizeof(block_mxfp4) == 17, "block_mxfp4 size");
_Static_assert(sizeof(block_nvfp4) == 36, "block_nvfp4 size");
_Static_assert(sizeof(block_q1_0) == 18, "block_q1_0 size");

/* ---- the layouts as data, for the Java side's check ------------------------------------------------ */

#define CATENA_MAX_PARTS 5

typedef struct { const char *name; int32_t offset, size; } catena_block_part_t;
typedef struct { int32_t id; int32_t elements; int32_t size; catena_block_part_t parts[CATENA_MAX_PARTS]; } catena_block_layout_t;

#define CATENA_PART(T, f) {#f, (int32_t) offsetof(T, f), (int32_t) sizeof(((T *) 0)->f)}
#define CATENA_LAYOUT(id, elements, T, ...) {id, elements, (int32_t) sizeof(T), {__VA_ARGS__}}

/* Ids as in ggml.h (and GgmlType.id()). */
static const catena_block_layout_t CATENA_BLOCK_LAYOUTS[] = {
    CATENA_LAYOUT(0, 1, block_f32, CATENA_PART(block_f32, value)),
    CATENA_LAYOUT(1, 1, block_f16, CATENA_PART(block_f16, value)),
    CATENA_LAYOUT(2, 32, block_q4_0, CATENA_PART(block_q4_0, d), CATENA_PART(block_q4_0, qs)),
    CATENA_LAYOUT(3, 32, block_q4_1, CATENA_PART(block_q4_1, d), CATENA_PART(block_q4_1, m), CATENA_PART(block_q4_1, qs)),
    CATENA_LAYOUT(6, 32, block_q5_0, CATENA_PART(block_q5_0, d), CATENA_PART(block_q5_0, qh), CATENA_PART(block_q5_0, qs)),
    CATENA_LAYOUT(7, 32, block_q5_1, CATENA_PART(block_q5_1, d), CATENA_PART(block_q5_1, m), CATENA_PART(block_q5_1, qh),
                  CATENA_PART(block_q5_1, qs)),
    CATENA_LAYOUT(8, 32, block_q8_0, CATENA_PART(block_q8_0, d), CATENA_PART(block_q8_0, qs)),
    CATENA_LAYOUT(9, 32, block_q8_1, CATENA_PART(block_q8_1, d), CATENA_PART(block_q8_1, s), CATENA_PART(block_q8_1, qs)),
    CATENA_LAYOUT(10, QK_K, block_q2_K, CATENA_PART(block_q2_K, scales), CATENA_PART(block_q2_K, qs), CATENA_PART(block_q2_K, d),
                  CATENA_PART(block_q2_K, dmin)),
    CATENA_LAYOUT(11, QK_K, block_q3_K, CATENA_PART(block_q3_K, hmask), CATENA_PART(block_q3_K, qs),
                  CATENA_PART(block_q3_K, scales), CATENA_PART(block_q3_K, d)),
    CATENA_LAYOUT(12, QK_K, block_q4_K, CATENA_PART(block_q4_K, d), CATENA_PART(block_q4_K, dmin), CATENA_PART(block_q4_K, scales),
                  CATENA_PART(block_q4_K, qs)),
    CATENA_LAYOUT(13, QK_K, block_q5_K, CATENA_PART(block_q5_K, d), CATENA_PART(block_q5_K, dmin), CATENA_PART(block_q5_K, scales),
                  CATENA_PART(block_q5_K, qh), CATENA_PART(block_q5_K, qs)),
    CATENA_LAYOUT(14, QK_K, block_q6_K, CATENA_PART(block_q6_K, ql), CATENA_PART(block_q6_K, qh), CATENA_PART(block_q6_K, scales),
                  CATENA_PART(block_q6_K, d)),
    CATENA_LAYOUT(15, QK_K, block_q8_K, CATENA_PART(block_q8_K, d), CATENA_PART(block_q8_K, qs), CATENA_PART(block_q8_K, bsums)),
    CATENA_LAYOUT(16, QK_K, block_iq2_xxs, CATENA_PART(block_iq2_xxs, d), CATENA_PART(block_iq2_xxs, qs)),
    CATENA_LAYOUT(17, QK_K, block_iq2_xs, CATENA_PART(block_iq2_xs, d), CATENA_PART(block_iq2_xs, qs), CATENA_PART(block_iq2_xs, scales)),
    CATENA_LAYOUT(18, QK_K, block_iq3_xxs, CATENA_PART(block_iq3_xxs, d), CATENA_PART(block_iq3_xxs, qs)),
    CATENA_LAYOUT(19, QK_K, block_iq1_s, CATENA_PART(block_iq1_s, d), CATENA_PART(block_iq1_s, qs), CATENA_PART(block_iq1_s, qh)),
    CATENA_LAYOUT(20, 32, block_iq4_nl, CATENA_PART(block_iq4_nl, d), CATENA_PART(block_iq4_nl, qs)),
    CATENA_LAYOUT(21, QK_K, block_iq3_s, CATENA_PART(block_iq3_s, d), CATENA_PART(block_iq3_s, qs), CATENA_PART(block_iq3_s, qh),
                  CATENA_PART(block_iq3_s, signs), CATENA_PART(block_iq3_s, scales)),
    CATENA_LAYOUT(22, QK_K, block_iq2_s, CATENA_PART(block_iq2_s, d), CATENA_PART(block_iq2_s, qs), CATENA_PART(block_iq2_s, qh),
                  CATENA_PART(block_iq2_s, scales)),
    CATENA_LAYOUT(23, QK_K, block_iq4_xs, CATENA_PART(block_iq4_xs, d), CATENA_PART(block_iq4_xs, scales_h),
                  CATENA_PART(block_iq4_xs, scales_l), CATENA_PART(block_iq4_xs, qs)),
    CATENA_LAYOUT(24, 1, block_i8, CATENA_PART(block_i8, value)),
    CATENA_LAYOUT(25, 1, block_i16, CATENA_PART(block_i16, value)),
    CATENA_LAYOUT(26, 1, block_i32, CATENA_PART(block_i32, value)),
    CATENA_LAYOUT(27, 1, block_i64, CATENA_PART(block_i64, value)),
    CATENA_LAYOUT(28, 1, block_f64, CATENA_PART(block_f64, value)),
    CATENA_LAYOUT(29, QK_K, block_iq1_m, CATENA_PART(block_iq1_m, qs), CATENA_PART(block_iq1_m, qh), CATENA_PART(block_iq1_m, scales)),
    CATENA_LAYOUT(30, 1, block_bf16, CATENA_PART(block_bf16, value)),
    CATENA_LAYOUT(34, QK_K, block_tq1_0, CATENA_PART(block_tq1_0, qs), CATENA_PART(block_tq1_0, qh), CATENA_PART(block_tq1_0, d)),
    CATENA_LAYOUT(35, QK_K, block_tq2_0, CATENA_PART(block_tq2_0, qs), CATENA_PART(block_tq2_0, d)),
    CATENA_LAYOUT(39, 32, block_mxfp4, CATENA_PART(block_mxfp4, e), CATENA_PART(block_mxfp4, qs)),
    CATENA_LAYOUT(40, 64, block_nvfp4, CATENA_PART(block_nvfp4, d), CATENA_PART(block_nvfp4, qs)),
    CATENA_LAYOUT(41, 128, block_q1_0, CATENA_PART(block_q1_0, d), CATENA_PART(block_q1_0, qs)),
};

#endif
