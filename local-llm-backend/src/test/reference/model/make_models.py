#!/usr/bin/env python3
"""Writes the small random-weight GGUF models used by the Java model tests (deterministic: fixed seeds).

    /work/venvs/llama/bin/python make_models.py local-llm-backend/src/test/resources/model

Each architecture the runtime supports (llama incl. Llama 3 RoPE frequency factors and tied embeddings,
qwen2 with biases and linear RoPE scaling, qwen3 with QK-norm and MQA, gemma3 with sliding-window layers and
soft-capping), several shapes (MHA, GQA, MQA, head width != dim/heads), F32 and quantized variants.
Q8_0/Q4_0/Q5_0 data comes from gguf-py's quantizers; Q4_K/Q6_K blocks are random but well-formed (gguf-py
cannot quantize K-quants), which is all a random-weight model needs. A byte-level gpt2 vocabulary (256 byte
tokens, 4 control tokens, 28 merges) lets llama.cpp load the files and the Java tokenizer round-trip text.
"""
import pathlib
import sys

import numpy as np
from gguf import GGUFWriter, GGMLQuantizationType as T
from gguf.quants import quantize

CHATML = ("{% for m in messages %}<|im_start|>{{ m['role'] }}\n{{ m['content'] }}<|im_end|>\n{% endfor %}"
          "{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}")


def byte_chars():
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(range(ord("®"), ord("ÿ") + 1))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return {b: chr(c) for b, c in zip(bs, cs)}


def vocabulary():
    bc = byte_chars()
    tokens = [bc[b] for b in range(256)]
    types = [1] * 256
    tokens += ["<|bos|>", "<|eos|>", "<|im_start|>", "<|im_end|>"]
    types += [3, 3, 3, 3]
    merges = []
    for a, b in [("Ġ", "t"), ("h", "e"), ("Ġt", "he"), ("i", "n"), ("e", "r"), ("Ġ", "a"), ("o", "n"), ("r", "e"),
                 ("Ġ", "s"), ("e", "n"), ("a", "t"), ("o", "r"), ("Ġ", "w"), ("l", "l"), ("Ġ", "c"), ("e", "s"),
                 ("Ġ", "o"), ("i", "s"), ("a", "n"), ("Ġ", "b"), ("e", "d"), ("Ġ", "f"), ("i", "t"), ("a", "r"),
                 ("Ġ", "h"), ("Ġ", "m"), ("Ġ", "p"), ("Ġ", "d")]:
        merges.append(f"{a} {b}")
        tokens.append(a + b)
        types.append(1)
    return tokens, types, merges


def ktensor(rng, rows, cols, qtype):
    """Random well-formed K-quant blocks: bytes with small fp16 super-block scales."""
    nb = cols // 256
    if qtype == T.Q4_K:
        blk = rng.integers(0, 256, size=(rows, nb, 144), dtype=np.uint8)
        d = np.array([1.2e-4], dtype=np.float16).view(np.uint8)
        dmin = np.array([2.0e-4], dtype=np.float16).view(np.uint8)
        scale = rng.uniform(0.5, 1.5, size=(rows, nb, 2)).astype(np.float16)
        blk[:, :, 0:2] = (scale[:, :, 0:1] * np.float16(1.2e-4)).astype(np.float16).view(np.uint8).reshape(rows, nb, 2)
        blk[:, :, 2:4] = (scale[:, :, 1:2] * np.float16(3.0e-4)).astype(np.float16).view(np.uint8).reshape(rows, nb, 2)
    else:  # Q6_K: ql[128] qh[64] scales[16] int8, d fp16
        blk = rng.integers(0, 256, size=(rows, nb, 210), dtype=np.uint8)
        blk[:, :, 192:208] = rng.integers(-40, 41, size=(rows, nb, 16)).astype(np.int8).view(np.uint8)
        scale = rng.uniform(0.5, 1.5, size=(rows, nb, 1)).astype(np.float16)
        blk[:, :, 208:210] = (scale * np.float16(8e-5)).astype(np.float16).view(np.uint8).reshape(rows, nb, 2)
    return blk.reshape(rows, nb * blk.shape[2])


def write(path, arch, dim, layers, heads, kv, ffn, head_dim=None, qtypes=None, tied=False, biases=False,
          rope_freqs=False, linear_factor=0.0, base=10000.0, window=0, pattern=0, softcap=0.0, seed=0, vocab_size=0):
    rng = np.random.default_rng(seed)
    hd = head_dim or dim // heads
    tokens, types, merges = vocabulary()
    while len(tokens) < vocab_size:  # benchmark models: pad with unused tokens to a realistic vocabulary
        tokens.append(f"<unused{len(tokens)}>")
        types.append(5)
    vocab = len(tokens)
    w = GGUFWriter(str(path), arch)
    w.add_name(path.stem)
    w.add_context_length(256)
    w.add_embedding_length(dim)
    w.add_block_count(layers)
    w.add_feed_forward_length(ffn)
    w.add_head_count(heads)
    w.add_head_count_kv(kv)
    if head_dim:
        w.add_key_length(hd)
        w.add_value_length(hd)
    w.add_layer_norm_rms_eps(1e-6 if arch == "gemma3" else 1e-5)
    w.add_rope_freq_base(base)
    if linear_factor:
        w.add_string(f"{arch}.rope.scaling.type", "linear")
        w.add_float32(f"{arch}.rope.scaling.factor", linear_factor)
    if window:
        w.add_uint32(f"{arch}.attention.sliding_window", window)
        w.add_uint32(f"{arch}.attention.sliding_window_pattern", pattern)
        w.add_float32(f"{arch}.rope.freq_base_swa", 10000.0)
    if softcap:
        w.add_float32(f"{arch}.final_logit_softcapping", softcap)
    w.add_tokenizer_model("gpt2")
    w.add_tokenizer_pre("default")
    w.add_token_list(tokens)
    w.add_token_types(types)
    w.add_token_merges(merges)
    w.add_bos_token_id(256)
    w.add_eos_token_id(257)
    w.add_add_bos_token(True)
    w.add_chat_template(CHATML)
    qtypes = qtypes or {}

    def mat(name, rows, cols, kind, scale=None):
        s = scale if scale is not None else 1.5 / np.sqrt(cols)
        qt = qtypes.get(kind, T.F32)
        if qt in (T.Q4_K, T.Q6_K):
            w.add_tensor(name, ktensor(rng, rows, cols, qt), raw_dtype=qt)
            return
        a = rng.uniform(-s, s, size=(rows, cols)).astype(np.float32)
        if qt == T.F32:
            w.add_tensor(name, a)
        else:
            w.add_tensor(name, quantize(a, qt), raw_dtype=qt)

    def vec(name, n, center=1.0, spread=0.2):
        w.add_tensor(name, (center + rng.uniform(-spread, spread, size=n)).astype(np.float32))

    mat("token_embd.weight", vocab, dim, "embd", scale=1.0)
    vec("output_norm.weight", dim)
    if not tied:
        mat("output.weight", vocab, dim, "output")
    if rope_freqs:
        w.add_tensor("rope_freqs.weight", np.linspace(1.0, 8.0, hd // 2).astype(np.float32))
    for l in range(layers):
        p = f"blk.{l}."
        vec(p + "attn_norm.weight", dim)
        mat(p + "attn_q.weight", heads * hd, dim, "attn")
        mat(p + "attn_k.weight", kv * hd, dim, "attn")
        mat(p + "attn_v.weight", kv * hd, dim, "attn_v")
        mat(p + "attn_output.weight", dim, heads * hd, "attn")
        if biases:
            vec(p + "attn_q.bias", heads * hd, 0.0, 0.5)
            vec(p + "attn_k.bias", kv * hd, 0.0, 0.5)
            vec(p + "attn_v.bias", kv * hd, 0.0, 0.5)
        if arch in ("qwen3", "gemma3"):
            vec(p + "attn_q_norm.weight", hd)
            vec(p + "attn_k_norm.weight", hd)
        if arch == "gemma3":
            vec(p + "post_attention_norm.weight", dim)
            vec(p + "post_ffw_norm.weight", dim)
        vec(p + "ffn_norm.weight", dim)
        mat(p + "ffn_gate.weight", ffn, dim, "ffn")
        mat(p + "ffn_up.weight", ffn, dim, "ffn")
        mat(p + "ffn_down.weight", dim, ffn, "ffn_down")
    w.write_header_to_file()
    w.write_kv_data_to_file()
    w.write_tensors_to_file()
    w.close()


def bench(out):
    """TinyLlama-1.1B-shaped random models for BENCHMARKS.md (about 0.6 and 1.2 GB: never commit them)."""
    for qt, name in ((T.Q4_0, "q4_0"), (T.Q8_0, "q8_0")):
        write(out / f"llama-1b-{name}.gguf", "llama", 2048, 22, 32, 4, 5632, vocab_size=32000, seed=10,
              qtypes={k: qt for k in ("embd", "output", "attn", "attn_v", "ffn", "ffn_down")})


def main():
    if sys.argv[1] == "--bench":
        out = pathlib.Path(sys.argv[2])
        out.mkdir(parents=True, exist_ok=True)
        bench(out)
        return
    out = pathlib.Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    write(out / "llama-mha-f32.gguf", "llama", 64, 2, 4, 4, 128, seed=1)
    write(out / "llama3-gqa-tied-f32.gguf", "llama", 64, 2, 8, 2, 96, tied=True, rope_freqs=True, base=500000.0, seed=2)
    write(out / "qwen2-gqa-f32.gguf", "qwen2", 64, 2, 4, 2, 128, biases=True, linear_factor=4.0, base=1e6, seed=3)
    write(out / "qwen3-mqa-f32.gguf", "qwen3", 64, 2, 4, 1, 128, head_dim=32, base=1e6, seed=4)
    write(out / "gemma3-f32.gguf", "gemma3", 64, 3, 4, 1, 128, head_dim=32, tied=True, base=1e6,
          window=5, pattern=3, softcap=30.0, seed=5)
    write(out / "llama-q8_0.gguf", "llama", 64, 2, 4, 2, 128,
          qtypes={k: T.Q8_0 for k in ("embd", "output", "attn", "attn_v", "ffn", "ffn_down")}, seed=6)
    write(out / "qwen2-q4_0-q5_0.gguf", "qwen2", 64, 2, 4, 2, 128, biases=True,
          qtypes={"embd": T.Q8_0, "output": T.Q8_0, "attn": T.Q4_0, "attn_v": T.Q5_0, "ffn": T.Q4_0,
                  "ffn_down": T.Q5_0}, seed=7)
    write(out / "llama-q4_k-q6_k.gguf", "llama", 256, 2, 4, 2, 256,
          qtypes={"embd": T.Q4_K, "output": T.Q6_K, "attn": T.Q4_K, "attn_v": T.Q6_K, "ffn": T.Q4_K,
                  "ffn_down": T.Q6_K}, seed=8)
    write(out / "gemma3-q4_k-q6_k.gguf", "gemma3", 256, 2, 4, 1, 256, head_dim=64, tied=True, base=1e6,
          window=5, pattern=2,
          qtypes={"embd": T.Q6_K, "attn": T.Q4_K, "attn_v": T.Q6_K, "ffn": T.Q4_K, "ffn_down": T.Q6_K}, seed=9)


if __name__ == "__main__":
    main()
