/*
 * The ceiling of one generation step for the 1B Llama shape (22 layers x q, k, v, o, gate, up, down, then the
 * 32000-row output; 582 MB of Q4_0): Catena's AVX-512 Q4_0 tile kernel alone, called from C over weights in
 * huge pages, the rows of each matrix split between OpenMP threads with a barrier after each matrix (as a
 * forward pass waits for each product). Prints ms per token and GB/s, best of 10; the runtime's own figure is
 * `catena bench` on llama-1b-q4_0.gguf. Weights are random: the speed does not depend on their values.
 *
 *   gcc -O3 -fopenmp -I local-llm-backend/src/main/c benchmarks/local-llm/kernel_model.c -o /tmp/kernel_model
 *   OMP_NUM_THREADS=1 /tmp/kernel_model; OMP_NUM_THREADS=2 /tmp/kernel_model
 */
#include <omp.h>
#include <stdio.h>
#include <time.h>
#include <sys/mman.h>
#include "catena_kernels.c"

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

int main(void) {
    if (!(catena_cpu_features() & 2)) {
        printf("this CPU has no AVX-512 VNNI/VBMI\n");
        return 1;
    }
    enum { LAYERS = 22, PER_LAYER = 7, MATRICES = LAYERS * PER_LAYER + 1 };
    const int layer_rows[PER_LAYER] = {2048, 256, 256, 2048, 5632, 5632, 2048};
    const int layer_cols[PER_LAYER] = {2048, 2048, 2048, 2048, 2048, 2048, 5632};
    int rows[MATRICES], cols[MATRICES];
    size_t bytes[MATRICES], total = 0;
    for (int m = 0; m < MATRICES; m++) {
        rows[m] = m == MATRICES - 1 ? 32000 : layer_rows[m % PER_LAYER];
        cols[m] = m == MATRICES - 1 ? 2048 : layer_cols[m % PER_LAYER];
        bytes[m] = (size_t) rows[m] * (cols[m] / 32) * 18;
        total += bytes[m];
    }
    uint8_t *base = catena_alloc_weights((int64_t) total);
    if (!base) {
        fprintf(stderr, "out of memory\n");
        return 1;
    }
    for (size_t i = 0; i < total; i++) {
        base[i] = (uint8_t) ((i * 2654435761u) >> 13);
    }
    uint8_t *w[MATRICES];
    size_t off = 0;
    for (int m = 0; m < MATRICES; m++) {
        w[m] = base + off;
        off += bytes[m];
    }
    int8_t *xq = aligned_alloc(64, 8192);
    float *xd = aligned_alloc(64, 8192 * sizeof(float));
    int16_t *xs = aligned_alloc(64, 8192 * sizeof(int16_t));
    float *out = aligned_alloc(64, 32000 * sizeof(float));
    memset(xq, 1, 8192);
    for (int i = 0; i < 8192; i++) {
        xd[i] = 0.01f;
        xs[i] = 0;
    }
    double best = 1e9;
    for (int run = 0; run < 10; run++) {
        double t = now();
#pragma omp parallel
        {
            int threads = omp_get_num_threads(), id = omp_get_thread_num();
            for (int m = 0; m < MATRICES; m++) {
                int r0 = (rows[m] * id / threads) / 16 * 16;
                int r1 = id == threads - 1 ? rows[m] : (rows[m] * (id + 1) / threads) / 16 * 16;
                catena_q4_0x16_avx512vnni(w[m], cols[m] / 32, xq, xd, xs, out, r0, r1);
#pragma omp barrier
            }
        }
        t = now() - t;
        best = t < best ? t : best;
    }
    printf("%d thread(s): %.2f ms per token, %.2f GB/s (%.1f MB of Q4_0 tiles)\n", omp_get_max_threads(),
           best * 1e3, total / best / 1e9, total / 1e6);
    catena_free_weights(base, (int64_t) total);
    return 0;
}
