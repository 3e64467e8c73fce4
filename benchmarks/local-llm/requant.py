#!/usr/bin/env python3
"""Requantizes a real GGUF model with llama.cpp's own quantizer (llama_cpp.llama_model_quantize) into every
weight type Catena runs, so that tests and the type matrix of ab.py use real weights written by an
independent writer.

usage: python requant.py [--source FILE] [--out DIR] [--types Q4_0,IQ4_XS,...] [--threads N]
       (run with the Python of a llama-cpp-python 0.3.36 environment, e.g. the one ab.py builds)

Defaults: the SmolLM2 135M Instruct Q4_1 file of .ci/setup.d/11-smollm2.sh, written to
${CATENA_MODEL_DIR:-~/.cache/catena/models}/requant/smollm2-135m-<type>.gguf; existing files are kept.

Every tensor gets the requested type ("pure": no mixture of types), except where llama.cpp's quantizer
itself falls back because a row length is not a multiple of the type's block: SmolLM2's rows of 576 are
not whole 256-blocks, so in its K and IQ4_XS files only the 30 ffn_down matrices (rows of 1536) have the
named type and the other 181 get llama.cpp 0.3.36's fallback (Q2_K, Q3_K -> Q4_0; Q4_K -> Q5_0;
Q5_K -> Q5_1; Q6_K -> Q8_0; IQ4_XS -> IQ4_NL). The source is already 4-bit, so the files have its rounding plus their own: they are for
checking and timing, not for quality.
"""
import argparse
import ctypes
import os
import sys
from pathlib import Path

import llama_cpp

MODEL_DIR = Path(os.environ.get("CATENA_MODEL_DIR") or Path.home() / ".cache" / "catena" / "models")
SOURCE = MODEL_DIR / "SmolLM2-135M-Instruct.Q4_1.gguf"

# the weight type -> llama.cpp's file type that, with pure=True, stores every matrix in it
FTYPES = {
    "F32": llama_cpp.LLAMA_FTYPE_ALL_F32,
    "F16": llama_cpp.LLAMA_FTYPE_MOSTLY_F16,
    "BF16": llama_cpp.LLAMA_FTYPE_MOSTLY_BF16,
    "Q4_0": llama_cpp.LLAMA_FTYPE_MOSTLY_Q4_0,
    "Q4_1": llama_cpp.LLAMA_FTYPE_MOSTLY_Q4_1,
    "Q5_0": llama_cpp.LLAMA_FTYPE_MOSTLY_Q5_0,
    "Q5_1": llama_cpp.LLAMA_FTYPE_MOSTLY_Q5_1,
    "Q8_0": llama_cpp.LLAMA_FTYPE_MOSTLY_Q8_0,
    "Q2_K": llama_cpp.LLAMA_FTYPE_MOSTLY_Q2_K,
    "Q3_K": llama_cpp.LLAMA_FTYPE_MOSTLY_Q3_K_S,
    "Q4_K": llama_cpp.LLAMA_FTYPE_MOSTLY_Q4_K_S,
    "Q5_K": llama_cpp.LLAMA_FTYPE_MOSTLY_Q5_K_S,
    "Q6_K": llama_cpp.LLAMA_FTYPE_MOSTLY_Q6_K,
    "IQ4_NL": llama_cpp.LLAMA_FTYPE_MOSTLY_IQ4_NL,
    "IQ4_XS": llama_cpp.LLAMA_FTYPE_MOSTLY_IQ4_XS,
}


def output_path(out, qtype):
    return out / f"smollm2-135m-{qtype.lower()}.gguf"


def requantize(source, target, qtype, threads):
    params = llama_cpp.llama_model_quantize_default_params()
    params.ftype = FTYPES[qtype]
    params.nthread = threads
    params.allow_requantize = True
    params.pure = True
    partial = target.with_suffix(".gguf.part")
    rc = llama_cpp.llama_model_quantize(str(source).encode(), str(partial).encode(), ctypes.byref(params))
    if rc != 0:
        partial.unlink(missing_ok=True)
        raise SystemExit(f"llama_model_quantize {source} -> {qtype} failed with {rc}")
    partial.rename(target)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--source", type=Path, default=SOURCE)
    ap.add_argument("--out", type=Path, default=MODEL_DIR / "requant")
    ap.add_argument("--types", default=",".join(FTYPES))
    ap.add_argument("--threads", type=int, default=os.cpu_count() or 2)
    a = ap.parse_args()
    types = [t.strip().upper() for t in a.types.split(",") if t.strip()]
    unknown = [t for t in types if t not in FTYPES]
    if unknown:
        raise SystemExit(f"--types: unknown {', '.join(unknown)} (known: {', '.join(FTYPES)})")
    if not a.source.is_file():
        raise SystemExit(f"{a.source} is missing: run .ci/setup.d/11-smollm2.sh or pass --source")
    a.out.mkdir(parents=True, exist_ok=True)
    for t in types:
        target = output_path(a.out, t)
        if target.exists():
            print(f"{target} present", file=sys.stderr)
            continue
        print(f"writing {target}", file=sys.stderr, flush=True)
        requantize(a.source, target, t, a.threads)
        print(target)


if __name__ == "__main__":
    main()
