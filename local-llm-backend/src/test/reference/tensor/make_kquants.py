#!/usr/bin/env python3
"""Writes llama.cpp's own Q4_K, Q5_K and Q6_K quantization of a fixed input, for KQuantizerReferenceTest.

    /work/venvs/tok/bin/python make_kquants.py local-llm-backend/src/test/resources/tensor

Calls quantize_row_q4_K_ref / q5_K_ref / q6_K_ref (what llama-quantize uses without an importance
matrix) in the libggml-base.so bundled with llama-cpp-python (0.3.36 here) through ctypes. Writes
kquants_input.f32 (little-endian float32) and kquants_<type>.bin (the quantized bytes).

The input: 64 super-blocks of 256: normal, uniform, heavy-tailed and skewed data at several scales, blocks
with a few outliers, all-zero, constant (positive, negative), one-sign, tiny (fp16-subnormal) and
half-zero blocks.
"""
import ctypes
import pathlib
import sys

import numpy as np
import llama_cpp

QK = 256


def library():
    lib_dir = pathlib.Path(llama_cpp.__file__).parent / "lib"
    lib = ctypes.CDLL(str(lib_dir / "libggml-base.so"))
    for name in ("quantize_row_q4_K_ref", "quantize_row_q5_K_ref", "quantize_row_q6_K_ref"):
        getattr(lib, name).argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int64]
        getattr(lib, name).restype = None
    return lib


def inputs():
    rng = np.random.default_rng(2026)
    blocks = []
    for scale in (1.0, 0.02, 1e-3, 30.0):
        blocks.append(rng.normal(0, scale, QK))
        blocks.append(rng.uniform(-scale, scale, QK))
        blocks.append(rng.standard_t(3, QK) * scale)
        blocks.append(rng.exponential(scale, QK) - 0.2 * scale)
    for _ in range(8):
        b = rng.normal(0, 0.05, QK)
        b[rng.integers(0, QK, 3)] = rng.normal(0, 2.0, 3)
        blocks.append(b)
    blocks.append(np.zeros(QK))
    blocks.append(np.full(QK, 0.75))
    blocks.append(np.full(QK, -0.3))
    blocks.append(np.abs(rng.normal(0, 1, QK)))
    blocks.append(-np.abs(rng.normal(0, 1, QK)))
    blocks.append(rng.normal(0, 1e-6, QK))
    half = rng.normal(0, 1, QK)
    half[:128] = 0
    blocks.append(half)
    per_sub = rng.normal(0, 1, QK) * np.repeat(np.logspace(-3, 0, 16), 16)
    blocks.append(per_sub)
    while len(blocks) < 64:
        blocks.append(rng.normal(0, rng.uniform(0.01, 0.2), QK))
    return np.concatenate(blocks).astype(np.float32)


def main():
    out = pathlib.Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    lib = library()
    x = np.ascontiguousarray(inputs())
    (out / "kquants_input.f32").write_bytes(x.astype("<f4").tobytes())
    for name, size in (("q4_k", 144), ("q5_k", 176), ("q6_k", 210)):
        y = np.zeros(len(x) // QK * size, dtype=np.uint8)
        getattr(lib, f"quantize_row_{name[:2]}_K_ref")(x.ctypes.data, y.ctypes.data, len(x))
        (out / f"kquants_{name}.bin").write_bytes(y.tobytes())
        print(name, len(y), "bytes")


if __name__ == "__main__":
    main()
