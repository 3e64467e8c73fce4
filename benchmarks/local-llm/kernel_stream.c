/*
 * Streaming throughput of Catena's AVX-512 matrix-vector kernels over 400 MB of random weights (more than
 * the last-level cache holds), as a generation step streams a model: GB/s of weights per second, best of 5.
 * Weights sit in anonymous memory with huge pages (as ResidentWeights places them), and with 4 KiB pages for
 * comparison. Q4_0, Q8_0, IQ4_NL and IQ4_XS run on tiles of 16 rows (catena_repack_x16), as the runtime does; the
 * AVX2 Q2_K / Q3_K kernels are listed for CPUs without AVX-512.
 *
 *   gcc -O3 -I local-llm-backend/src/main/c benchmarks/local-llm/kernel_stream.c -o /tmp/kernel_stream -lm
 *   /tmp/kernel_stream            (KINDS="iq4_nl iq4_xs" for some kinds only, HUGE_ONLY=1 to skip 4 KiB pages)
 */
#include <stdio.h>
#include <time.h>
#include <sys/mman.h>
#include "catena_kernels.c"

typedef void (*row_kernel)(const uint8_t *, int64_t, const int8_t *, const int8_t *, const float *, const int16_t *,
                           float *, int32_t, int32_t, int32_t);
typedef void (*tile_kernel)(const uint8_t *, int32_t, const int8_t *, const float *, const int16_t *, float *,
                            int32_t, int32_t);

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

static uint64_t state = 88172645463325252ULL;
static uint64_t next(void) {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
}

static uint8_t *weights(size_t n, int huge) {
    uint8_t *p = mmap(NULL, n, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    madvise(p, n, huge ? MADV_HUGEPAGE : MADV_NOHUGEPAGE);
    return p;
}

int main(void) {
    enum { KINDS = 10 };
    const char *names[KINDS] = {"q8_0", "q4_0", "q4_k", "q6_k", "iq4_nl", "iq4_xs", "q3_k", "q3_k avx2", "q2_k", "q2_k avx2"};
    const int block[KINDS] = {32, 32, 256, 256, 32, 256, 256, 256, 256, 256};
    const int bytes[KINDS] = {34, 18, 144, 210, 18, 136, 110, 110, 84, 84};
    const int scale_at[KINDS] = {0, 0, 0, 208, 0, 0, 108, 108, 80, 80};
    const int type_id[KINDS] = {8, 2, 12, 14, 20, 23, 11, 11, 10, 10};
    row_kernel rows_k[KINDS] = {catena_q8_0_avx512vnni, catena_q4_0_avx512vnni, catena_q4_k_avx512vnni, catena_q6_k_avx512vnni,
                                catena_iq4_nl_avx512vnni, catena_iq4_xs_avx512vnni, catena_q3_k_avx512vnni, catena_q3_k_avx2,
                                catena_q2_k_avx512vnni, catena_q2_k_avx2};
    tile_kernel tiles_k[KINDS] = {catena_q8_0x16_avx512vnni, catena_q4_0x16_avx512vnni, NULL, NULL,
                                  catena_iq4_nlx16_avx512vnni, catena_iq4_xsx16_avx512vnni, NULL, NULL, NULL, NULL};
    const char *only = getenv("KINDS"); /* e.g. KINDS="iq4_nl q3_k avx2": only these (by name prefix match) */
    if (!(catena_cpu_features() & 2)) {
        printf("this CPU has no AVX-512 VNNI/VBMI\n");
        return 1;
    }
    const int cols = 2048;
    int8_t *xq = aligned_alloc(64, cols);
    float *xd = aligned_alloc(64, cols * sizeof(float));
    int16_t *xs = aligned_alloc(64, cols * sizeof(int16_t));
    for (int i = 0; i < cols; i++) {
        xq[i] = (int8_t) (next() % 255 - 127);
        xd[i] = 0.01f;
        xs[i] = 0;
    }
    for (int k = 0; k < KINDS; k++) {
        if (only && !strstr(only, names[k])) {
            continue;
        }
        int blocks = cols / block[k];
        int64_t row_bytes = (int64_t) blocks * bytes[k];
        int rows = (int) (400000000 / row_bytes) / 16 * 16;
        size_t n = (size_t) row_bytes * rows;
        float *out = malloc(sizeof(float) * rows);
        for (int huge = 1; huge >= (getenv("HUGE_ONLY") ? 1 : 0); huge--) {
            uint8_t *src = weights(n, huge);
            for (size_t i = 0; i + 8 <= n; i += 8) {
                uint64_t v = next();
                memcpy(src + i, &v, 8);
            }
            for (size_t i = 0; i < n; i += bytes[k]) {
                uint16_t d = 0x2000 | (next() & 0x3FF);
                memcpy(src + i + scale_at[k], &d, 2);
            }
            uint8_t *w = src;
            if (tiles_k[k]) {
                w = weights((size_t) (rows / 16) * blocks * catena_x16_block_bytes(type_id[k]), huge);
                catena_repack_x16(src, row_bytes, rows, blocks, type_id[k], w);
            }
            double best = 1e9;
            for (int run = 0; run < 5; run++) {
                double t = now();
                if (tiles_k[k]) {
                    tiles_k[k](w, blocks, xq, xd, xs, out, 0, rows);
                } else {
                    rows_k[k](w, row_bytes, xq, xq, xd, xs, out, 0, rows, blocks);
                }
                t = now() - t;
                best = t < best ? t : best;
            }
            printf("%s%s, %s pages: %.2f GB/s\n", names[k], tiles_k[k] ? " (tiles)" : "", huge ? "huge" : "4 KiB", n / best / 1e9);
            if (w != src) {
                munmap(w, (size_t) (rows / 16) * blocks * catena_x16_block_bytes(type_id[k]));
            }
            munmap(src, n);
        }
        free(out);
    }
    return 0;
}
