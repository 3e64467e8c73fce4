/*
 * The parts of the batched products (prompt prefill: the tiled GEMM kernels) that both instruction sets share,
 * included by catena_kernels.c once per instruction set with ISA (the name suffix) defined: the weight types a
 * GEMM takes, the scale and offset term of each group of columns of a weight row, and the per-vector activation terms.
 *
 * A GEMM multiplies integer weight values u by 8-bit activations in groups of G columns; a weight is s * u - b
 * per row and group, so a group adds dx * (s * sum(u x) - b * sum(x)) to the product.
 */

#ifndef CATENA_GEMM_TYPES
#define CATENA_GEMM_TYPES
enum { T_Q8_0, T_Q4_0, T_Q5_0, T_Q4_K, T_Q5_K, T_Q6_K, T_Q4_1, T_Q5_1, T_Q2_K, T_Q3_K, T_IQ4_NL, T_IQ4_XS,
       T_Q4_0X16, T_Q8_0X16, T_IQ4_NLX16, T_IQ4_XSX16 };

/* Columns per scale group: 16 for Q2_K, Q3_K and Q6_K, else 32. */
static inline int gemm_group(int type) {
    return type == T_Q6_K || type == T_Q2_K || type == T_Q3_K ? 16 : 32;
}

/* Every integer GEMM, as X(name in the exported symbol, type, values per activation scale, values per activation sum). */
#define GEMM_TYPES(X) X(q8_0, T_Q8_0, 32, 32) X(q4_0, T_Q4_0, 32, 32) X(q5_0, T_Q5_0, 32, 32) X(q4_1, T_Q4_1, 32, 32) \
    X(q5_1, T_Q5_1, 32, 32) X(q4_k, T_Q4_K, 256, 16) X(q5_k, T_Q5_K, 256, 16) X(q6_k, T_Q6_K, 256, 16)                \
    X(q2_k, T_Q2_K, 256, 16) X(q3_k, T_Q3_K, 256, 16) X(iq4_nl, T_IQ4_NL, 32, 32) X(iq4_xs, T_IQ4_XS, 256, 16)      \
    X(q4_0x16, T_Q4_0X16, 32, 32) X(q8_0x16, T_Q8_0X16, 32, 32) X(iq4_nlx16, T_IQ4_NLX16, 32, 32)                   \
    X(iq4_xsx16, T_IQ4_XSX16, 256, 16)

/* The working memory of one GEMM call (GM(gemm_work_new)). */
typedef struct { int G; int32_t groups; uint8_t *tile; float *ts, *tb, *dx, *sx; } gemm_work;
#endif

#define GM_CAT2(a, b) a##_##b
#define GM_CAT(a, b) GM_CAT2(a, b)
#define GM(name) GM_CAT(name, ISA)

/*
 * Scale s and offset term b of every group of G columns of a row, written at s[g * stride] and b[g * stride].
 * With signed_codes the values of Q8_0, IQ4_NL and IQ4_XS are taken as they are stored (signed, offset 0)
 * instead of shifted up by 128 to unsigned bytes.
 */
static inline __attribute__((always_inline)) void GM(gemm_row_scales)(int type, int signed_codes, const uint8_t *row, int32_t groups, float *s, float *b, int stride) {
    const float shift = signed_codes ? 0.0f : 128.0f;
    for (int32_t g = 0; g < groups; g++) {
        float sg, bg;
        switch (type) {
        case T_Q8_0: sg = _cvtsh_ss(((const block_q8_0 *) row)[g].d); bg = shift * sg; break;
        case T_Q4_0: sg = _cvtsh_ss(((const block_q4_0 *) row)[g].d); bg = 8.0f * sg; break;
        case T_Q5_0: sg = _cvtsh_ss(((const block_q5_0 *) row)[g].d); bg = 16.0f * sg; break;
        case T_Q4_1: sg = _cvtsh_ss(((const block_q4_1 *) row)[g].d); bg = -_cvtsh_ss(((const block_q4_1 *) row)[g].m); break;
        case T_Q5_1: sg = _cvtsh_ss(((const block_q5_1 *) row)[g].d); bg = -_cvtsh_ss(((const block_q5_1 *) row)[g].m); break;
        case T_IQ4_NL: sg = _cvtsh_ss(((const block_iq4_nl *) row)[g].d); bg = shift * sg; break;
        case T_IQ4_XS: {
            const block_iq4_xs *blk = (const block_iq4_xs *) row + (g >> 3);
            sg = _cvtsh_ss(blk->d) * (float) (iq4_xs_scale(blk, g & 7) - 32);
            bg = shift * sg;
            break;
        }
        case T_Q4_K:
        case T_Q5_K: {
            /* the header (d, dmin, scales) is the same in both: read it through block_q4_K at the right stride */
            const block_q4_K *blk = (const block_q4_K *) (row + (g >> 3) * (type == T_Q5_K ? sizeof(block_q5_K) : sizeof(block_q4_K)));
            int sc, m;
            k_scale_min(blk->scales, g & 7, &sc, &m);
            sg = _cvtsh_ss(blk->d) * (float) sc;
            bg = _cvtsh_ss(blk->dmin) * (float) m;
            break;
        }
        case T_Q2_K: {
            const block_q2_K *blk = (const block_q2_K *) row + (g >> 4);
            sg = _cvtsh_ss(blk->d) * (float) (blk->scales[g & 15] & 0x0F);
            bg = _cvtsh_ss(blk->dmin) * (float) (blk->scales[g & 15] >> 4);
            break;
        }
        case T_Q3_K: {
            const block_q3_K *blk = (const block_q3_K *) row + (g >> 4);
            sg = _cvtsh_ss(blk->d) * (float) q3_k_scale(blk->scales, g & 15);
            bg = 4.0f * sg;
            break;
        }
        default: {
            const block_q6_K *blk = (const block_q6_K *) row + (g >> 4);
            sg = _cvtsh_ss(blk->d) * (float) blk->scales[g & 15];
            bg = 32.0f * sg;
        }
        }
        s[g * stride] = sg;
        b[g * stride] = bg;
    }
}

/*
 * The working memory of one GEMM call: the unpacked tile of 16 rows (columns x 16 bytes), its scales ts and offset
 * terms tb (ts[g * 16 + row]), and the activation scale dx and sum sx of every group g of G columns of each of
 * nvec vectors (vector v: scales at xd[v], one per ablock values; int16 sums at xs[v], one per asum values) at
 * dx[v * groups + g], sx[v * groups + g].
 */
static gemm_work GM(gemm_work_new)(int type, int32_t columns, int32_t nvec, const int64_t *xd, const int64_t *xs,
                                    int ablock, int asum) {
    gemm_work k;
    k.G = gemm_group(type);
    k.groups = columns / k.G;
    k.tile = aligned_alloc(64, (size_t) columns * 16);
    k.ts = aligned_alloc(64, (size_t) k.groups * 16 * sizeof(float) * 2);
    k.tb = k.ts + (size_t) k.groups * 16;
    k.dx = malloc((size_t) nvec * k.groups * sizeof(float) * 2);
    k.sx = k.dx + (size_t) nvec * k.groups;
    for (int32_t v = 0; v < nvec; v++) {
        const float *d = (const float *) (intptr_t) xd[v];
        const int16_t *sums = (const int16_t *) (intptr_t) xs[v];
        for (int32_t g = 0; g < k.groups; g++) {
            int32_t sum = 0;
            for (int j = g * k.G / asum; j < (g + 1) * k.G / asum; j++) sum += sums[j];
            k.dx[v * k.groups + g] = d[g * k.G / ablock];
            k.sx[v * k.groups + g] = (float) sum;
        }
    }
    return k;
}

static void GM(gemm_work_free)(gemm_work *k) {
    free(k->dx);
    free(k->ts);
    free(k->tile);
}

#undef GM
#undef GM_CAT
#undef GM_CAT2
