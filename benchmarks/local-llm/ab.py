#!/usr/bin/env python3
"""Catena's local runtime against llama.cpp on the same GGUF files, threads and token counts (issue 8).

What it does, from a fresh machine (Python 3.9+, gcc, JDK 25 as for the project's build):
  1. installs llama.cpp from PyPI (llama-cpp-python, built from source with this CPU's instruction sets)
     into benchmarks/local-llm/.venv, unless it is there;
  2. makes the benchmark files: the real Gemma 3 270M Q4_K_M (.ci/setup.d/10-gemma.sh) and random-weight
     Llama 1.1B models in Q4_0, Q8_0 and Q4_K_M written by Catena's own GGUF writer (`catena model random`);
  3. measures the memory bandwidth with a STREAM triad (1 and 2 threads);
  4. runs both engines in alternation (Catena, llama.cpp, Catena, llama.cpp, ...) for every file, thread
     count and prompt length, each run a `bench` of medians over repeated runs on seeded random tokens;
  5. prints per-round figures, then a table of medians over the rounds, the ratios Catena / llama.cpp and
     generation as a share of the bandwidth-bound limit (bandwidth / weight bytes read per token).

usage: python3 benchmarks/local-llm/ab.py [--rounds 2] [--threads 1,2] [--prompts 128,512] [--gen 32]
                                          [--repeat 2] [--models DIR] [--only SUBSTRING] [--json FILE]
                                          [--llama-venv DIR] [--types all|F32,Q4_0,...] [--catena CMD]

--types runs the type matrix instead of the files above: SmolLM2 135M Instruct requantized by llama.cpp's
own quantizer into each listed type (requant.py, run in the llama.cpp environment; files kept under
<model dir>/requant), each file through both engines in alternation as above (issue 16 asks for
--threads 1,2 --prompts 128 --gen 64). --catena replaces the samples/cli/catena command (which builds and
installs the CLI) by another, e.g. a java command line over a build of local-llm-backend.

llama.cpp is built without AMX: on machines whose CPU flags list AMX but whose kernel or hypervisor does
not enable the tile state (as on the VM the figures in BENCHMARKS.md come from), llama.cpp's AMX path
faults in `ldtilecfg` for any batch of more than one token.
"""
import argparse
import json
import os
import re
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
VENV = HERE / ".venv"
LLAMA_CPP_PYTHON = "llama-cpp-python==0.3.36"
MODEL_DIR = Path(os.environ.get("CATENA_MODEL_DIR") or Path.home() / ".cache" / "catena" / "models")
GEMMA = MODEL_DIR / "gemma-3-270m-q4_k_m.gguf"
TYPES = ["F32", "F16", "BF16", "Q4_0", "Q4_1", "Q5_0", "Q5_1", "Q8_0", "Q2_K", "Q3_K", "Q4_K", "Q5_K", "Q6_K",
         "IQ4_NL", "IQ4_XS"]
RANDOM_MODELS = [("llama-1b-q4_0.gguf", "Q4_0"), ("llama-1b-q8_0.gguf", "Q8_0"), ("llama-1b-q4_k_m.gguf", "Q4_K_M")]
MEDIAN = re.compile(r"median: prompt ([0-9.]+) tok/s, generation ([0-9.]+) tok/s")
PER_TOKEN = re.compile(r"weights read per generated token: ([0-9.]+) MB")
MEMORY = re.compile(r"memory: resident ([0-9]+) MB .*= ([0-9]+) MB")


def log(*args):
    print(*args, file=sys.stderr, flush=True)


def cpu_flags():
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("flags"):
                return set(line.split(":", 1)[1].split())
    except OSError:
        pass
    return set()


def cmake_args():
    """GGML build switches for the instruction sets this CPU lists, never AMX (see the module doc)."""
    f = cpu_flags()
    on = {
        "GGML_AVX": "avx" in f, "GGML_AVX2": "avx2" in f, "GGML_FMA": "fma" in f, "GGML_F16C": "f16c" in f,
        "GGML_BMI2": "bmi2" in f, "GGML_AVX512": "avx512f" in f, "GGML_AVX512_VBMI": "avx512vbmi" in f,
        "GGML_AVX512_VNNI": "avx512_vnni" in f, "GGML_AVX512_BF16": "avx512_bf16" in f,
    }
    args = ["-DGGML_NATIVE=OFF", "-DGGML_AMX_TILE=OFF", "-DGGML_AMX_INT8=OFF", "-DGGML_AMX_BF16=OFF"]
    args += [f"-D{k}={'ON' if v else 'OFF'}" for k, v in on.items()]
    return " ".join(args)


def install_llama_cpp(venv):
    python = venv / "bin" / "python"
    if python.exists() and subprocess.run([python, "-c", "import llama_cpp"], capture_output=True).returncode == 0:
        return python
    log(f"installing {LLAMA_CPP_PYTHON} into {venv} (builds llama.cpp from source: 10-30 minutes)")
    subprocess.run([sys.executable, "-m", "venv", venv], check=True)
    env = dict(os.environ, CMAKE_ARGS=cmake_args(), CMAKE_BUILD_PARALLEL_LEVEL=str(os.cpu_count() or 2))
    subprocess.run([python, "-m", "pip", "install", "--no-cache-dir", "--no-binary", "llama-cpp-python",
                    LLAMA_CPP_PYTHON], check=True, env=env)
    return python


CATENA = [str(ROOT / "samples" / "cli" / "catena")]


def catena(*args, capture=True):
    cmd = [*CATENA, *map(str, args)]
    # a bounded heap (it holds the KV cache, the tokenizer and the working buffers; weights are off-heap) and
    # native memory given back to the OS once the JIT is done: the JVM's own memory counts against the
    # resident-memory target (file + KV + 200 MB)
    env = dict(os.environ, CATENA_JAVA_OPTS=os.environ.get(
        "CATENA_JAVA_OPTS", "-Xmx64m -XX:+UseSerialGC -XX:TrimNativeHeapInterval=1000"))
    return subprocess.run(cmd, check=True, text=True, capture_output=capture, env=env).stdout


def models(directory):
    if not GEMMA.exists():
        log("installing the Gemma 3 270M file (.ci/setup.d/10-gemma.sh)")
        subprocess.run(["bash", str(ROOT / ".ci" / "setup.d" / "10-gemma.sh")], check=True)
    out = [GEMMA]
    directory.mkdir(parents=True, exist_ok=True)
    for name, qtype in RANDOM_MODELS:
        path = directory / name
        if not path.exists():
            log(f"writing {path} (catena model random --preset 1b --type {qtype})")
            catena("model", "random", "--preset", "1b", "--type", qtype, "--seed", "10",
                   "--threads", os.cpu_count() or 2, "-o", path, capture=False)
        out.append(path)
    return out


def requantized(python, types):
    """The SmolLM2 files of requant.py for the given types, written with llama.cpp's quantizer where missing."""
    if not (MODEL_DIR / "SmolLM2-135M-Instruct.Q4_1.gguf").exists():
        log("installing the SmolLM2 135M Instruct file (.ci/setup.d/11-smollm2.sh)")
        subprocess.run(["bash", str(ROOT / ".ci" / "setup.d" / "11-smollm2.sh")], check=True)
    subprocess.run([str(python), str(HERE / "requant.py"), "--types", ",".join(types)], check=True, stdout=subprocess.DEVNULL)
    return [MODEL_DIR / "requant" / f"smollm2-135m-{t.lower()}.gguf" for t in types]


def stream_bandwidth(threads):
    exe = Path("/tmp") / "catena-stream-triad"
    subprocess.run(["gcc", "-O3", "-march=native", "-fopenmp", str(HERE / "stream_triad.c"), "-o", str(exe)], check=True)
    out = {}
    for t in threads:
        text = subprocess.run([exe], check=True, text=True, capture_output=True,
                              env=dict(os.environ, OMP_NUM_THREADS=str(t))).stdout
        out[t] = float(re.search(r"triad ([0-9.]+) GB/s", text).group(1))
    return out


def run_catena(model, threads, prompt, gen, repeat):
    text = catena("bench", "-m", model, "-t", threads, "--prompt-tokens", prompt, "-g", gen, "-r", repeat)
    m = MEDIAN.search(text)
    mem = MEMORY.search(text)
    return {"prompt": float(m.group(1)), "gen": float(m.group(2)),
            "bytes_per_token": float(PER_TOKEN.search(text).group(1)) * 1e6,
            "rss_mb": int(mem.group(1)) if mem else None, "rss_limit_mb": int(mem.group(2)) if mem else None}


def run_llama(python, model, threads, prompt, gen, repeat):
    text = subprocess.run([str(python), str(HERE / "llamacpp_bench.py"), *map(str, (model, threads, prompt, gen, repeat))],
                          check=True, text=True, capture_output=True).stdout
    m = MEDIAN.search(text)
    return {"prompt": float(m.group(1)), "gen": float(m.group(2))}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--threads", default="1,2")
    ap.add_argument("--prompts", default="128,512")
    ap.add_argument("--gen", type=int, default=32)
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--models", type=Path, default=Path("/tmp/catena-bench"))
    ap.add_argument("--only", default="", help="run only the files whose name contains this")
    ap.add_argument("--json", type=Path, help="also write every run here")
    ap.add_argument("--llama-venv", type=Path, default=VENV,
                    help="a virtual environment with llama-cpp-python (installed there when missing)")
    ap.add_argument("--types", help="type matrix on requantized SmolLM2 files: 'all' or a list of "
                    + ",".join(TYPES))
    ap.add_argument("--catena", help="the catena command to run instead of samples/cli/catena (split on spaces)")
    a = ap.parse_args()
    threads = [int(t) for t in a.threads.split(",")]
    types = None if a.types is None else TYPES if a.types == "all" else [t.strip().upper() for t in a.types.split(",")]
    if types and any(t not in TYPES for t in types):
        ap.error(f"--types: known types are {', '.join(TYPES)}")
    prompts = [int(p) for p in a.prompts.split(",")]

    python = install_llama_cpp(a.llama_venv)
    if a.catena:
        CATENA[:] = a.catena.split()
    else:
        subprocess.run([str(ROOT / "samples" / "cli" / "catena"), "--help"], check=True, capture_output=True,
                       env=dict(os.environ, CATENA_REBUILD="1"))  # builds the CLI from this checkout once
    files = [f for f in (requantized(python, types) if types else models(a.models)) if a.only in f.name]
    bandwidth = stream_bandwidth(threads)
    log("STREAM triad: " + ", ".join(f"{t} thread(s) {bw:.1f} GB/s" for t, bw in bandwidth.items()))

    rows = []
    for f in files:
        for t in threads:
            for p in prompts:
                runs = {"catena": [], "llama.cpp": []}
                for r in range(a.rounds):
                    runs["catena"].append(run_catena(f, t, p, a.gen, a.repeat))
                    runs["llama.cpp"].append(run_llama(python, f, t, p, a.gen, a.repeat))
                    c, l = runs["catena"][-1], runs["llama.cpp"][-1]
                    log(f"{f.name} t={t} p={p} round {r + 1}: catena {c['prompt']:.1f}/{c['gen']:.2f}, "
                        f"llama.cpp {l['prompt']:.1f}/{l['gen']:.2f} tok/s (prompt/gen)")
                med = {e: {k: statistics.median(x[k] for x in v) for k in ("prompt", "gen")} for e, v in runs.items()}
                per_token = runs["catena"][0]["bytes_per_token"]
                ceiling = bandwidth[t] * 1e9 / per_token
                rows.append({"file": f.name, "threads": t, "prompt_tokens": p, "gen_tokens": a.gen,
                             "catena": med["catena"], "llama.cpp": med["llama.cpp"],
                             "prompt_ratio": med["catena"]["prompt"] / med["llama.cpp"]["prompt"],
                             "gen_ratio": med["catena"]["gen"] / med["llama.cpp"]["gen"],
                             "bytes_per_token": per_token, "ceiling": ceiling,
                             "gen_share_of_ceiling": med["catena"]["gen"] / ceiling,
                             "rss_mb": max(x["rss_mb"] or 0 for x in runs["catena"]),
                             "rss_limit_mb": runs["catena"][0]["rss_limit_mb"], "runs": runs})

    print(f"STREAM triad: " + ", ".join(f"{t} thread(s) {bw:.1f} GB/s" for t, bw in bandwidth.items()))
    print("| file | threads | prompt | prompt tok/s Catena / llama.cpp | ratio | generation tok/s Catena / llama.cpp "
          "| ratio | bandwidth limit | Catena share | RSS / limit MB |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        c, l = r["catena"], r["llama.cpp"]
        print(f"| {r['file']} | {r['threads']} | {r['prompt_tokens']} | {c['prompt']:.1f} / {l['prompt']:.1f} "
              f"| {r['prompt_ratio']:.2f}x | {c['gen']:.2f} / {l['gen']:.2f} | {r['gen_ratio']:.2f}x "
              f"| {r['ceiling']:.1f} | {100 * r['gen_share_of_ceiling']:.0f} % | {r['rss_mb']} / {r['rss_limit_mb']} |")
    if a.json:
        a.json.write_text(json.dumps({"bandwidth_gbs": bandwidth, "rows": rows}, indent=1))


if __name__ == "__main__":
    main()
