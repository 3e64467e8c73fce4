#!/usr/bin/env python3
"""Writes the reference data of the Java tensor and GGUF writer tests (deterministic: fixed seed).

    /work/venvs/gguf/bin/python make_tensors.py local-llm-backend/src/test/resources/tensor

Needs PyPI `gguf` (gguf-py, 0.19.0) and `numpy`. Writes two files:

tensors.gguf
    For each storage type T of F32, F16, BF16, Q8_0, Q4_0, Q4_1, Q5_0, Q5_1, Q2_K, Q3_K, Q4_K, Q5_K, Q6_K,
    Q8_K, IQ4_NL, IQ4_XS (the last two drawn after the others, so adding them left the earlier bytes as
    they were; not Q8_1: gguf-py's table gives it 40-byte blocks, ggml's block_q8_1 has 36): tensor `T`
    (8 rows; 512 columns, 131 for the plain float types so that vector loops have a tail) of random but
    valid bytes: every fp16 scale is finite; rows 0-3 carry edge scales (negative zero, zero, the smallest
    and largest subnormals, the smallest normal, +-65504) in their scale and minimum fields, rows 4-7
    ordinary ones. `T.deq` (F32, same shape) is gguf-py's `gguf.quants.dequantize` of it
    (Q8_K, which gguf-py cannot dequantize, uses ggml's formula `d * q` written out in numpy).
    Tensor `x` (F32, 512) is an activation vector; metadata `T.matvec` (FLOAT64 array, one per row) is the
    float64 product `T.deq @ x[:columns]` and `T.abs` (FLOAT64 array) is `|T.deq| @ |x[:columns]|`, the
    scale the Java tests take their tolerance relative to. `ggml.type_names`, `ggml.type_ids`,
    `ggml.block_sizes` and `ggml.type_sizes` are gguf-py's table of every ggml type.

writer_reference.gguf
    Written by gguf-py's GGUFWriter: metadata of every value type, including arrays of each type, an array
    of strings and nested arrays, `general.alignment` = 64, and tensors `input` (F32 [64, 3], values with
    edge cases: an all-zero block, exact ties, subnormals, negative maxima, large values), `input.f16`,
    `input.q8_0`, `input.q4_0`, `input.q4_1`, `input.q5_0` and `input.q5_1` (gguf-py's quantizers) and
    `third` (F32 [5], to make padding visible).
    The Java GgufWriter must reproduce this file byte for byte.
"""
import pathlib
import sys

import numpy as np
from gguf import GGUFWriter, GGMLQuantizationType as T, GGUFValueType as V
from gguf.constants import GGML_QUANT_SIZES
from gguf.quants import dequantize, quantize

ROWS = 8
EDGE_ROWS = 4
# fp16 bit patterns: -0, 0, min subnormal, -max subnormal, min normal, max, -max
EDGE_F16 = [0x8000, 0x0000, 0x0001, 0x83FF, 0x0400, 0x7BFF, 0xFBFF]

# byte offsets of the fp16 (d, min) fields within one block; None where a type has no such field
SCALE_FIELDS = {
    T.Q8_0: (0, None), T.Q4_0: (0, None), T.Q4_1: (0, 2), T.Q5_0: (0, None), T.Q5_1: (0, 2),
    T.Q2_K: (80, 82), T.Q3_K: (108, None), T.Q4_K: (0, 2), T.Q5_K: (0, 2), T.Q6_K: (208, None),
    T.IQ4_NL: (0, None), T.IQ4_XS: (0, None),
}


def f16_bits(values):
    return np.asarray(values, dtype=np.float16).view(np.uint16)


def random_blocks(rng, qtype, rows, cols):
    block, size = GGML_QUANT_SIZES[qtype]
    nb = cols // block
    data = rng.integers(0, 256, size=(rows, nb, size), dtype=np.uint8)
    if qtype == T.Q8_K:
        d = (rng.standard_normal((rows, nb)) * 1e-2).astype(np.float32)
        d[0, 0] = -0.0
        d[1, 0] = np.float32(1e-40)  # f32 subnormal
        data[:, :, 0:4] = d.view(np.uint8).reshape(rows, nb, 4)
        return data.reshape(rows, nb * size)
    d_at, m_at = SCALE_FIELDS[qtype]
    k = 0
    for r in range(rows):
        for b in range(nb):
            edge = r < EDGE_ROWS and (b % 2 == 1 or nb <= 2)
            for field, shift in ((d_at, 0), (m_at, 3)):
                if field is None:
                    continue
                if edge:
                    bits = EDGE_F16[(k + shift) % len(EDGE_F16)]
                else:
                    bits = int(f16_bits(rng.standard_normal() * 2.0 ** rng.integers(-12, -2)))
                data[r, b, field:field + 2] = np.array([bits], dtype=np.uint16).view(np.uint8)
            if edge:
                k += 1
    return data.reshape(rows, nb * size)


def plain(rng, qtype, rows, cols):
    """Random F32/F16/BF16 elements (finite) with edge values in the first rows; returns raw array."""
    if qtype == T.F16:
        bits = rng.integers(0, 1 << 16, size=(rows, cols), dtype=np.uint32).astype(np.uint16)
        bits[(bits & 0x7C00) == 0x7C00] &= 0xBFFF  # no inf/nan: clear the top exponent bit
        bits[0, :len(EDGE_F16)] = EDGE_F16
        return bits.view(np.float16)
    v = (rng.standard_normal((rows, cols)) * 2.0 ** rng.integers(-20, 20, size=(rows, cols))).astype(np.float32)
    v[0, :4] = [-0.0, 0.0, 1e30, -1e30]
    if qtype == T.F32:
        v[0, 4:7] = np.array([1, 0x807FFFFF, 0x00800000], dtype=np.uint32).view(np.float32)  # subnormals, min normal
        return v
    bits = (v.view(np.uint32) >> 16).astype(np.uint16)  # BF16: truncated F32
    bits[0, 4:7] = [0x0001, 0x807F, 0x0080]
    return bits


def dequant(raw, qtype):
    if qtype == T.Q8_K:
        blocks = raw.reshape(-1, GGML_QUANT_SIZES[qtype][1])
        d = blocks[:, 0:4].copy().view(np.float32)
        q = blocks[:, 4:260].view(np.int8).astype(np.float32)
        return (d * q).reshape(raw.shape[0], -1)
    if qtype == T.BF16:
        return dequantize(raw.view(np.uint8), qtype).reshape(raw.shape)
    return dequantize(raw, qtype)


def tensors_file(out):
    rng = np.random.default_rng(20261129)
    w = GGUFWriter(str(out / "tensors.gguf"), "catena-tensor-test")
    x = rng.standard_normal(512).astype(np.float32)
    w.add_tensor("x", x)
    types = sorted(GGML_QUANT_SIZES, key=lambda t: t.value)
    w.add_key_value("ggml.type_names", [t.name for t in types], V.ARRAY, sub_type=V.STRING)
    w.add_key_value("ggml.type_ids", [t.value for t in types], V.ARRAY, sub_type=V.INT32)
    w.add_key_value("ggml.block_sizes", [GGML_QUANT_SIZES[t][0] for t in types], V.ARRAY, sub_type=V.INT32)
    w.add_key_value("ggml.type_sizes", [GGML_QUANT_SIZES[t][1] for t in types], V.ARRAY, sub_type=V.INT32)
    for qtype in (T.F32, T.F16, T.BF16, T.Q8_0, T.Q4_0, T.Q4_1, T.Q5_0, T.Q5_1,
                  T.Q2_K, T.Q3_K, T.Q4_K, T.Q5_K, T.Q6_K, T.Q8_K, T.IQ4_NL, T.IQ4_XS):
        name = qtype.name
        if qtype in (T.F32, T.F16, T.BF16):
            cols = 131
            raw = plain(rng, qtype, ROWS, cols)
            if qtype == T.BF16:
                w.add_tensor(name, raw.view(np.uint8), raw_dtype=T.BF16)
            else:
                w.add_tensor(name, raw)
        else:
            cols = 512
            raw = random_blocks(rng, qtype, ROWS, cols)
            w.add_tensor(name, raw, raw_dtype=qtype)
        deq = dequant(raw, qtype).astype(np.float32)
        assert deq.shape == (ROWS, cols) and np.all(np.isfinite(deq)), name
        w.add_tensor(name + ".deq", deq)
        d64 = deq.astype(np.float64)
        x64 = x[:cols].astype(np.float64)
        w.add_key_value(name + ".matvec", [float(v) for v in d64 @ x64], V.ARRAY, sub_type=V.FLOAT64)
        w.add_key_value(name + ".abs", [float(v) for v in np.abs(d64) @ np.abs(x64)], V.ARRAY, sub_type=V.FLOAT64)
    write(w)


def quant_input(rng):
    v = (rng.standard_normal((3, 64)) * 0.5).astype(np.float32)
    v[0, 0:32] = 0.0                                              # all-zero block: d = 0
    v[0, 32:64] = np.arange(-16, 16, dtype=np.float32) + 0.5      # ties after scaling
    v[0, 63] = 127.0                                              # Q8_0 scale exactly 1
    v[1, 0:32] = rng.standard_normal(32).astype(np.float32) * np.float32(1e-6)  # tiny: subnormal f16 scale
    v[1, 5] = -3.0e-5                                             # negative maximum
    v[1, 32:64] *= 2000.0                                         # large values
    v[2, 7] = -0.0
    v[2, 40] = -v[2, 32:64].__abs__().max() * 2                  # negative maximum for Q4_0
    return v


def writer_file(out):
    rng = np.random.default_rng(7)
    w = GGUFWriter(str(out / "writer_reference.gguf"), "catena-writer-test")
    w.add_custom_alignment(64)
    w.add_key_value("t.uint8", 200, V.UINT8)
    w.add_key_value("t.int8", -100, V.INT8)
    w.add_key_value("t.uint16", 60000, V.UINT16)
    w.add_key_value("t.int16", -30000, V.INT16)
    w.add_key_value("t.uint32", 4000000000, V.UINT32)
    w.add_key_value("t.int32", -2000000000, V.INT32)
    w.add_key_value("t.float32", 0.1, V.FLOAT32)
    w.add_key_value("t.bool.true", True, V.BOOL)
    w.add_key_value("t.bool.false", False, V.BOOL)
    w.add_key_value("t.string", "héllo, 世界 🙂", V.STRING)
    w.add_key_value("t.uint64", 2 ** 63 + 5, V.UINT64)
    w.add_key_value("t.int64", -(2 ** 62), V.INT64)
    w.add_key_value("t.float64", -1.0e-300, V.FLOAT64)
    w.add_key_value("a.uint8", [0, 1, 255], V.ARRAY, sub_type=V.UINT8)
    w.add_key_value("a.int8", [-128, 0, 127], V.ARRAY, sub_type=V.INT8)
    w.add_key_value("a.uint16", [0, 65535], V.ARRAY, sub_type=V.UINT16)
    w.add_key_value("a.int16", [-32768, 32767], V.ARRAY, sub_type=V.INT16)
    w.add_key_value("a.uint32", [0, 4294967295], V.ARRAY, sub_type=V.UINT32)
    w.add_key_value("a.int32", [-2147483648, 2147483647], V.ARRAY, sub_type=V.INT32)
    w.add_key_value("a.float32", [1.5, -0.0, 3.4e38], V.ARRAY, sub_type=V.FLOAT32)
    w.add_key_value("a.bool", [True, False, True], V.ARRAY, sub_type=V.BOOL)
    w.add_key_value("a.string", ["a", "", "ü€𝄞"], V.ARRAY, sub_type=V.STRING)
    w.add_key_value("a.uint64", [0, 2 ** 64 - 1], V.ARRAY, sub_type=V.UINT64)
    w.add_key_value("a.int64", [-(2 ** 63), 2 ** 63 - 1], V.ARRAY, sub_type=V.INT64)
    w.add_key_value("a.float64", [2.5, -1e300], V.ARRAY, sub_type=V.FLOAT64)
    # nested: gguf-py infers inner element types from the Python values (int -> INT32, str -> STRING)
    w.add_key_value("a.nested", [[1, 2, 3], [4], [-5, 6]], V.ARRAY, sub_type=V.ARRAY)
    w.add_key_value("a.nested.strings", [["x", "yz"], ["w"]], V.ARRAY, sub_type=V.ARRAY)
    v = quant_input(rng)
    w.add_tensor("input", v)
    w.add_tensor("input.f16", quantize(v, T.F16))
    w.add_tensor("input.q8_0", quantize(v, T.Q8_0), raw_dtype=T.Q8_0)
    w.add_tensor("input.q4_0", quantize(v, T.Q4_0), raw_dtype=T.Q4_0)
    w.add_tensor("input.q4_1", quantize(v, T.Q4_1), raw_dtype=T.Q4_1)
    w.add_tensor("input.q5_0", quantize(v, T.Q5_0), raw_dtype=T.Q5_0)
    w.add_tensor("input.q5_1", quantize(v, T.Q5_1), raw_dtype=T.Q5_1)
    w.add_tensor("third", np.arange(5, dtype=np.float32))
    write(w)


def write(w):
    w.write_header_to_file()
    w.write_kv_data_to_file()
    w.write_tensors_to_file()
    w.close()


def main():
    out = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".")
    out.mkdir(parents=True, exist_ok=True)
    tensors_file(out)
    writer_file(out)


if __name__ == "__main__":
    main()
