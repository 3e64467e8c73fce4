#!/usr/bin/env python3
"""Reference logits and greedy tokens for the random-weight GGUF models of the Java tests.

Two implementations that share no code with the Java runtime:
  * llama.cpp through llama-cpp-python (F32 KV cache, no flash attention), run on the very file;
  * a float64 numpy forward pass written from the llama.cpp semantics, on weights dequantized by
    gguf-py (the "reference's own dequantized weights" for quantized files).

Usage (make_models.py writes the models; the committed copies are byte-identical to its output):
    python3 -m venv /work/venvs/llama-noamx
    CMAKE_ARGS="-DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON \
        -DGGML_AMX_TILE=OFF -DGGML_AMX_INT8=OFF -DGGML_AVX512=OFF" \
        /work/venvs/llama-noamx/bin/pip install llama-cpp-python==0.3.36 numpy gguf==0.19.0
    /work/venvs/llama-noamx/bin/python make_models.py /tmp/catena-models
    /work/venvs/llama-noamx/bin/python reference_logits.py /tmp/catena-models \
        local-llm-backend/src/test/resources/model/reference
    /work/venvs/llama-noamx/bin/python reference_logits.py --real gemma-3-270m-q4_k_m.gguf \
        --prompt-ids 2,105,2364,107,6974,886,13315,1003,506,5442,236761,106,107,105,4368,107 --steps 32 \
        > local-llm-backend/src/test/resources/model/reference/gemma-3-270m-q4_k_m.json
(A -DGGML_NATIVE=ON build of llama.cpp 0.3.36 segfaults on every quantized matmul on the dev VM, whose
CPU reports AMX; the build above avoids it.)

llama.cpp quantizes activations to 8 bits for quantized matmuls, so its logits on quantized files differ
from the float computation by about 1e-2 of the range; greedy tokens still agree on the random models,
and the float64 numpy pass is the tight reference for them.

For each MODEL.gguf it writes MODEL.json: the file's SHA-256, the prompt token ids, logits of every prompt
position from both implementations and the greedy continuation of each (64 steps for F32 files, 32 for
quantized ones). The real-model mode (`--real FILE --prompt-ids ...`) writes greedy tokens only.
"""
import argparse
import hashlib
import json
import math
import pathlib
import sys

import numpy as np
from gguf import GGUFReader
from gguf.quants import dequantize

PROMPT = [256, 72, 101, 108, 108, 111, 44, 32, 119, 111, 114, 108, 100]  # BOS + "Hello, world" as byte tokens


def field(reader, key, default=None):
    f = reader.fields.get(key)
    if f is None:
        return default
    v = f.contents()
    return v


class NumpyModel:
    """A float64 forward pass of llama / qwen2 / qwen3 / gemma3 over gguf-py dequantized weights."""

    def __init__(self, path):
        r = GGUFReader(path)
        self.arch = arch = field(r, "general.architecture")
        k = lambda name, d=None: field(r, f"{arch}.{name}", d)
        self.dim = k("embedding_length")
        self.layers = k("block_count")
        self.heads = k("attention.head_count")
        self.kv_heads = k("attention.head_count_kv", self.heads)
        self.head_dim = k("attention.key_length", self.dim // self.heads)
        self.eps = k("attention.layer_norm_rms_epsilon", 1e-5)
        self.base = k("rope.freq_base", 10000.0)
        self.rope_dims = k("rope.dimension_count", self.head_dim)
        factor = k("rope.scaling.factor", 0.0)
        self.freq_scale = 1.0 if factor == 0.0 or k("rope.scaling.type", "linear") == "none" else 1.0 / factor
        self.window = k("attention.sliding_window", 0) if arch == "gemma3" else 0
        self.pattern = k("attention.sliding_window_pattern", 6)
        self.base_local = k("rope.freq_base_swa", 10000.0)
        self.softcap = k("final_logit_softcapping", 0.0) if arch == "gemma3" else 0.0
        self.neox = arch in ("qwen2", "qwen3", "gemma3")
        self.w = {}
        for t in r.tensors:
            a = dequantize(t.data, t.tensor_type).astype(np.float64)
            cols = int(t.shape[0])
            self.w[t.name] = a.reshape(-1, cols) if a.size != cols else a.reshape(cols)
        if "output.weight" not in self.w:
            self.w["output.weight"] = self.w["token_embd.weight"]

    def rms(self, x, w):
        return x / np.sqrt(np.mean(x * x, axis=-1, keepdims=True) + self.eps) * w

    def rope(self, x, pos, base, scale):
        # x: [heads, head_dim]
        half = self.rope_dims // 2
        i = np.arange(half)
        theta = pos * base ** (-2.0 * i / self.rope_dims)
        ff = self.w.get("rope_freqs.weight")
        if ff is not None:
            theta = theta / ff
        theta = theta * scale
        c, s = np.cos(theta), np.sin(theta)
        y = x.copy()
        if self.neox:
            x0, x1 = x[:, :half], x[:, half:2 * half]
            y[:, :half] = x0 * c - x1 * s
            y[:, half:2 * half] = x0 * s + x1 * c
        else:
            x0, x1 = x[:, 0:2 * half:2], x[:, 1:2 * half:2]
            y[:, 0:2 * half:2] = x0 * c - x1 * s
            y[:, 1:2 * half:2] = x0 * s + x1 * c
        return y

    def forward(self, tokens, last_only=False):
        """Logits [len(tokens), vocab] for a whole sequence from position 0."""
        w = self.w
        n, hd = len(tokens), self.head_dim
        x = w["token_embd.weight"][tokens].copy()
        if self.arch == "gemma3":
            x *= math.sqrt(self.dim)
        group = self.heads // self.kv_heads
        for l in range(self.layers):
            p = f"blk.{l}."
            sliding = self.window > 0 and (self.pattern == 0 or l % self.pattern < self.pattern - 1)
            base = self.base_local if sliding else self.base
            scale = 1.0 if sliding else self.freq_scale
            h = self.rms(x, w[p + "attn_norm.weight"])
            q = h @ w[p + "attn_q.weight"].T + w.get(p + "attn_q.bias", 0)
            k = h @ w[p + "attn_k.weight"].T + w.get(p + "attn_k.bias", 0)
            v = h @ w[p + "attn_v.weight"].T + w.get(p + "attn_v.bias", 0)
            q = q.reshape(n, self.heads, hd)
            k = k.reshape(n, self.kv_heads, hd)
            v = v.reshape(n, self.kv_heads, hd)
            if p + "attn_q_norm.weight" in w:
                q = self.rms(q, w[p + "attn_q_norm.weight"])
                k = self.rms(k, w[p + "attn_k_norm.weight"])
            q = np.stack([self.rope(q[t], t, base, scale) for t in range(n)])
            k = np.stack([self.rope(k[t], t, base, scale) for t in range(n)])
            out = np.zeros((n, self.heads, hd))
            for t in range(n):
                lo = max(0, t - self.window + 1) if sliding else 0
                for hh in range(self.heads):
                    kv = hh // group
                    s = k[lo:t + 1, kv] @ q[t, hh] / math.sqrt(hd)
                    a = np.exp(s - s.max())
                    a /= a.sum()
                    out[t, hh] = a @ v[lo:t + 1, kv]
            o = out.reshape(n, -1) @ w[p + "attn_output.weight"].T
            if p + "post_attention_norm.weight" in w:
                o = self.rms(o, w[p + "post_attention_norm.weight"])
            x = x + o
            h = self.rms(x, w[p + "ffn_norm.weight"])
            g = h @ w[p + "ffn_gate.weight"].T
            u = h @ w[p + "ffn_up.weight"].T
            if self.arch == "gemma3":
                g = 0.5 * g * (1 + np.tanh(math.sqrt(2 / math.pi) * (g + 0.044715 * g ** 3)))
            else:
                g = g / (1 + np.exp(-g))
            d = (g * u) @ w[p + "ffn_down.weight"].T
            if p + "post_ffw_norm.weight" in w:
                d = self.rms(d, w[p + "post_ffw_norm.weight"])
            x = x + d
        if last_only:
            x = x[-1:]
        logits = self.rms(x, w["output_norm.weight"]) @ w["output.weight"].T
        if self.softcap:
            logits = np.tanh(logits / self.softcap) * self.softcap
        return logits

    def greedy(self, prompt, steps):
        toks = list(prompt)
        for _ in range(steps):
            toks.append(int(np.argmax(self.forward(toks, last_only=True)[-1])))
        return toks[len(prompt):]


def llama_cpp_run(path, prompt, steps, n_ctx=256):
    """llama.cpp logits of the prompt and greedy tokens, in a child process (llama.cpp may crash on a
    file; that is reported as None instead of ending the run)."""
    import multiprocessing as mp
    ctx = mp.get_context("fork")
    q = ctx.Queue()
    p = ctx.Process(target=lambda: q.put(_llama_cpp_run(path, prompt, steps, n_ctx)))
    p.start()
    result = None
    while result is None and (p.is_alive() or not q.empty()):
        try:
            result = q.get(timeout=1)
        except Exception:
            pass
    p.join()
    if result is None:
        print(f"{pathlib.Path(path).name}: llama.cpp failed with exit code {p.exitcode}", file=sys.stderr)
        return None, None
    return result


def _llama_cpp_run(path, prompt, steps, n_ctx):
    from llama_cpp import Llama
    llm = Llama(model_path=str(path), n_ctx=n_ctx, n_batch=n_ctx, logits_all=True, n_threads=2,
                type_k=0, type_v=0, flash_attn=False, swa_full=True, verbose=False)
    llm.eval(prompt)
    logits = np.array(llm.scores[:len(prompt)], dtype=np.float64)
    out = []
    for _ in range(steps):
        tok = int(np.argmax(llm.scores[llm.n_tokens - 1]))
        out.append(tok)
        llm.eval([tok])
    return logits, out


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def rounded(a):
    return [[float(f"{v:.7g}") for v in row] for row in a]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("models", nargs="?")
    ap.add_argument("out", nargs="?")
    ap.add_argument("--real", help="a real GGUF file: write greedy tokens of llama.cpp only")
    ap.add_argument("--prompt-ids", help="comma-separated prompt token ids for --real")
    ap.add_argument("--steps", type=int, default=32)
    a = ap.parse_args()
    if a.real:
        prompt = [int(t) for t in a.prompt_ids.split(",")]
        _, greedy = llama_cpp_run(a.real, prompt, a.steps, n_ctx=512)
        np_greedy = NumpyModel(a.real).greedy(prompt, a.steps)
        json.dump({"file": pathlib.Path(a.real).name, "sha256": sha256(a.real), "prompt": prompt,
                   "llamacpp": {"greedy": greedy}, "numpy": {"greedy": np_greedy}}, sys.stdout)
        print()
        return
    out = pathlib.Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    for path in sorted(pathlib.Path(a.models).glob("*.gguf")):
        quantized = not path.stem.endswith("f32")
        steps = 32 if quantized else 64
        m = NumpyModel(str(path))
        np_logits = m.forward(PROMPT)
        np_greedy = m.greedy(PROMPT, steps)
        cpp_logits, cpp_greedy = llama_cpp_run(path, PROMPT, steps)
        if cpp_logits is not None:
            diff = np.abs(np_logits - cpp_logits).max() / (np_logits.max() - np_logits.min())
            agree = next((i for i, (x, y) in enumerate(zip(np_greedy, cpp_greedy)) if x != y), steps)
            print(f"{path.name}: numpy vs llama.cpp max |diff|/range = {diff:.2e}, greedy agree for {agree}/{steps}")
        json.dump({"file": path.name, "sha256": sha256(path), "prompt": PROMPT, "steps": steps,
                   "numpy": {"logits": rounded(np_logits), "greedy": np_greedy},
                   "llamacpp": None if cpp_logits is None else {"logits": rounded(cpp_logits), "greedy": cpp_greedy}},
                  open(out / (path.stem + ".json"), "w"))


if __name__ == "__main__":
    main()
