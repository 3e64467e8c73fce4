/*
 * Weights repacked at load in tiles of 16 rows (ResidentWeights, llama.cpp-style), included by
 * catena_kernels.c as plain C: the tile kernels (catena_<type>x16_avx512vnni, catena_<type>x16_avx2) read them so
 * that one vpdpbusd (AVX-512) or pmaddubsw (AVX2, per 8 rows) multiplies 16 rows by 4 broadcast activations, with
 * no horizontal sums. Tiles follow one another,
 * each holding its block columns front to back; rows past the last are zero.
 *
 * Q4_0, Q8_0, IQ4_NL (a scale d and plain quant bytes per block of 32): per tile and block column the 16 F16
 * scales (32 bytes), then the quant bytes in chunks of 64 - chunk c holds bytes 4c..4c+3 of each row's block
 * (row r at 4r), so a chunk is one vector of 16 rows x 4 bytes (Q4_0, IQ4_NL: its low nibbles are values
 * 4c..4c+3 of each row, its high nibbles values 16+4c..16+4c+3). 16 x the block size per block column.
 *
 * IQ4_XS (super-blocks of 256 in 8 sub-blocks of 32, each with a 6-bit scale): per tile and super-block
 * column the 16 F16 scales d (32 bytes), the signed sub-block scales (6-bit value - 32) one byte each,
 * sub-block s of row r at 32 + 16s + r (128 bytes), then per sub-block s its 16 quant bytes of each row in
 * four chunks as above, chunk c at 160 + 64 (4s + c): 2208 bytes, 138 per row where the file has 136.
 */

enum { GGML_Q4_0 = 2, GGML_Q8_0 = 8, GGML_IQ4_NL = 20, GGML_IQ4_XS = 23 };

#define X16_IQ4_XS_SCALES 32
#define X16_IQ4_XS_QUANTS 160
#define X16_IQ4_XS_BYTES (X16_IQ4_XS_QUANTS + 16 * 8 * 16)

_Static_assert(offsetof(block_q4_0, d) == 0 && offsetof(block_q4_0, qs) == sizeof(ggml_half)
               && offsetof(block_q8_0, d) == 0 && offsetof(block_q8_0, qs) == sizeof(ggml_half)
               && offsetof(block_iq4_nl, d) == 0 && offsetof(block_iq4_nl, qs) == sizeof(ggml_half), "d then qs");

/** Bytes of one block column of a tile of 16 rows of ggml type id type; 0 for a type without a tile layout. */
EXPORT int32_t catena_x16_block_bytes(int32_t type) {
    switch (type) {
    case GGML_Q4_0: return 16 * (int32_t) sizeof(block_q4_0);
    case GGML_Q8_0: return 16 * (int32_t) sizeof(block_q8_0);
    case GGML_IQ4_NL: return 16 * (int32_t) sizeof(block_iq4_nl);
    case GGML_IQ4_XS: return X16_IQ4_XS_BYTES;
    default: return 0;
    }
}

/* Block column i of row r of a tile at o (IQ4_XS), from the stored block b (NULL: a row past the last). */
static void repack_iq4_xs_row(const block_iq4_xs *b, int r, uint8_t *o) {
    static const uint8_t zeros[16];
    memcpy(o + 2 * r, b ? (const uint8_t *) &b->d : zeros, sizeof(ggml_half));
    for (int s = 0; s < 8; s++) {
        o[X16_IQ4_XS_SCALES + 16 * s + r] = b ? (uint8_t) (int8_t) (iq4_xs_scale(b, s) - 32) : 0;
        for (int c = 0; c < 4; c++) {
            memcpy(o + X16_IQ4_XS_QUANTS + 64 * (4 * s + c) + 4 * r, b ? b->qs + 16 * s + 4 * c : zeros, 4);
        }
    }
}

/* Block column i of row r of a tile at o (Q4_0, Q8_0, IQ4_NL: bpb bytes per block), from the block at b (or NULL). */
static void repack_plain_row(const uint8_t *b, int bpb, int r, uint8_t *o) {
    static const uint8_t zeros[32];
    memcpy(o + 2 * r, b ? b : zeros, sizeof(ggml_half));
    for (int c = 0; c < (bpb - (int) sizeof(ggml_half)) / 4; c++) {
        memcpy(o + 32 + c * 64 + 4 * r, b ? b + sizeof(ggml_half) + 4 * c : zeros, 4);
    }
}

/**
 * Repacks rows [0, rows) of w (ggml type id type, blocks per row) into tiles at dst, which holds
 * ceil(rows / 16) x blocks x catena_x16_block_bytes(type) bytes. Returns 0, or -1 for a type without a tile layout.
 */
EXPORT int32_t catena_repack_x16(const uint8_t *w, int64_t row_bytes, int32_t rows, int32_t blocks, int32_t type, uint8_t *dst) {
    int32_t column = catena_x16_block_bytes(type);
    if (column == 0) {
        return -1;
    }
    int bpb = column / 16;
    int32_t tiles = (rows + 15) / 16;
    for (int32_t t = 0; t < tiles; t++) {
        for (int32_t i = 0; i < blocks; i++) {
            uint8_t *o = dst + ((int64_t) t * blocks + i) * column;
            for (int r = 0; r < 16; r++) {
                int32_t row = 16 * t + r;
                const uint8_t *src = row < rows ? w + row * row_bytes : NULL;
                if (type == GGML_IQ4_XS) {
                    repack_iq4_xs_row(src ? (const block_iq4_xs *) src + i : NULL, r, o);
                } else {
                    repack_plain_row(src ? src + (int64_t) i * bpb : NULL, bpb, r, o);
                }
            }
        }
    }
    return 0;
}
