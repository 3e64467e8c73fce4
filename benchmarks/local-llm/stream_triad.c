/*
 * STREAM-style triad a[i] = b[i] + s * c[i] over arrays far larger than the caches: the machine's
 * sustainable memory bandwidth, the ceiling of token generation (which streams every weight once per
 * token). Counts 3 x 8 bytes per element (2 reads, 1 write), as STREAM does; best of 10 runs.
 *
 *   gcc -O3 -march=native -fopenmp benchmarks/local-llm/stream_triad.c -o /tmp/stream_triad
 *   OMP_NUM_THREADS=1 /tmp/stream_triad; OMP_NUM_THREADS=2 /tmp/stream_triad
 */
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>

#define N (48L * 1024 * 1024) /* 3 arrays x 384 MiB */

int main(void) {
    double *a = malloc(N * sizeof(double)), *b = malloc(N * sizeof(double)), *c = malloc(N * sizeof(double));
    if (!a || !b || !c) { fprintf(stderr, "out of memory\n"); return 1; }
#pragma omp parallel for
    for (long i = 0; i < N; i++) { a[i] = 0; b[i] = 1; c[i] = 2; }
    double best = 1e30;
    for (int run = 0; run < 10; run++) {
        double t = omp_get_wtime();
#pragma omp parallel for
        for (long i = 0; i < N; i++) a[i] = b[i] + 3.0 * c[i];
        t = omp_get_wtime() - t;
        if (t < best) best = t;
    }
    printf("threads %d: triad %.2f GB/s (check %.1f)\n", omp_get_max_threads(), 3.0 * 8 * N / best / 1e9, a[N / 2]);
    free(a); free(b); free(c);
    return 0;
}
