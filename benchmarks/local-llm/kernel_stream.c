/*
 * Streaming throughput of Catena's AVX-512 matrix-vector kernels over 400 MB of random weights (more than
 * the last-level cache holds), as a generation step streams a model: GB/s of weights per second, best of 5.
 * Weights sit in anonymous memory with huge pages (as ResidentWeights places them), and with 4 KiB pages for
 * comparison. Q4_0 and Q8_0 run on tiles of 16 rows (catena_repack_x16), as the runtime does.
 *
 *   gcc -O3 -I local-llm-backend/src/main/c benchmarks/local-llm/kernel_stream.c -o /tmp/kernel_stream -lm
 *   /tmp/kernel_stream
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
    const char *names[] = {"q8_0", "q4_0", "q4_k", "q6_k"};
    const int block[] = {32, 32, 256, 256}, bytes[] = {34, 18, 144, 210}, scale_at[] = {0, 0, 0, 208};
    row_kernel rows_k[] = {catena_q8_0_avx512vnni, catena_q4_0_avx512vnni, catena_q4_k_avx512vnni, catena_q6_k_avx512vnni};
    tile_kernel tiles_k[] = {catena_q8_0x16_avx512vnni, catena_q4_0x16_avx512vnni, NULL, NULL};
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
    for (int k = 0; k < 4; k++) {
        int blocks = cols / block[k];
        int64_t row_bytes = (int64_t) blocks * bytes[k];
        int rows = (int) (400000000 / row_bytes) / 16 * 16;
        size_t n = (size_t) row_bytes * rows;
        float *out = malloc(sizeof(float) * rows);
        for (int huge = 1; huge >= 0; huge--) {
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
                w = weights(n, huge);
                catena_repack_x16(src, row_bytes, rows, blocks, bytes[k], w);
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
                munmap(w, n);
            }
            munmap(src, n);
        }
        free(out);
    }
    return 0;
}
