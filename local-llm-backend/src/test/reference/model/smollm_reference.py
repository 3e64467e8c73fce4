#!/usr/bin/env python3
"""llama.cpp reference data for the real SmolLM2 135M Instruct tests (RealSmolLmTest, RequantizedSmolLmTest).

Needs llama-cpp-python 0.3.36 built without AMX (see benchmarks/local-llm/ab.py, which builds it), jinja2
(a dependency of llama-cpp-python), numpy and gguf 0.19.0 in the same environment. Two modes:

  python smollm_reference.py real ~/.cache/catena/models/SmolLM2-135M-Instruct.Q4_1.gguf \\
      > local-llm-backend/src/test/resources/model/reference/smollm2-135m-instruct-q4_1.json
    For each case: the prompt text (a chat case: its messages, rendered by jinja2 from the file's own
    tokenizer.chat_template with add_generation_prompt, as Hugging Face renders it), llama.cpp's token ids
    of it (the model's BOS rule; control tokens parsed in chat cases only), and llama.cpp's greedy
    continuation with, per step, the two best tokens and the gap between their logits (so the test can stop
    comparing at the first near-tie, where a different but equally right rounding may pick either).

  python smollm_reference.py requantized DIR \\
      > local-llm-backend/src/test/resources/model/reference/smollm2-requantized.json
    For every DIR/*.gguf written by benchmarks/local-llm/requant.py: its SHA-256, its tensor types and
    counts, and llama.cpp's greedy continuation (with the gaps) of the first chat case's token ids.

llama.cpp runs with an F32 KV cache, no flash attention, 2 threads, one batch for the prompt.
"""
import collections
import json
import pathlib
import sys

import numpy as np

from reference_logits import sha256

STEPS = 24
CASES = [
    {"name": "plain-capital", "text": "The capital of France is"},
    {"name": "plain-code", "text": "def fibonacci(n):\n    \"\"\"Return the n-th Fibonacci number.\"\"\"\n"},
    {"name": "chat-default-system", "chat": [{"role": "user", "content": "What is 2 + 2? Answer with one number."}]},
    {"name": "chat-own-system", "chat": [
        {"role": "system", "content": "You are a concise assistant. Reply in one short sentence."},
        {"role": "user", "content": "Name the three primary colours of light."}]},
]


def load(path):
    from llama_cpp import Llama
    return Llama(model_path=str(path), n_ctx=512, n_batch=512, logits_all=True, n_threads=2,
                 type_k=0, type_v=0, flash_attn=False, verbose=False)


def greedy(llm, ids, steps=STEPS):
    """Greedy tokens after ids, with the two best tokens and their logit gap at each step."""
    llm.reset()
    llm.eval(ids)
    out, top2, gaps = [], [], []
    for _ in range(steps):
        logits = np.array(llm.scores[llm.n_tokens - 1], dtype=np.float64)
        best = np.argsort(logits)[::-1][:2]
        out.append(int(best[0]))
        top2.append([int(best[0]), int(best[1])])
        gaps.append(round(float(logits[best[0]] - logits[best[1]]), 4))
        llm.eval([int(best[0])])
    return {"greedy": out, "top2": top2, "gaps": gaps}


def render(template, messages):
    import jinja2.sandbox
    env = jinja2.sandbox.ImmutableSandboxedEnvironment(trim_blocks=True, lstrip_blocks=True)
    return env.from_string(template).render(messages=messages, add_generation_prompt=True)


def real(path):
    llm = load(path)
    template = llm.metadata["tokenizer.chat_template"]
    cases = []
    for case in CASES:
        chat = "chat" in case
        text = render(template, case["chat"]) if chat else case["text"]
        # add_bos=True asks for the model's special prefix: a BOS only where tokenizer.ggml.add_bos_token says so
        ids = llm.tokenize(text.encode("utf-8"), add_bos=True, special=chat)
        cases.append({**case, "rendered": text, "parse_special": chat, "ids": ids, **greedy(llm, ids)})
        print(f"{case['name']}: {len(ids)} prompt tokens, greedy {llm.detokenize(cases[-1]['greedy'])!r}",
              file=sys.stderr)
    return {"file": pathlib.Path(path).name, "sha256": sha256(path), "steps": STEPS, "cases": cases}


def requantized(directory):
    from gguf import GGUFReader
    reference = None
    files = {}
    for path in sorted(pathlib.Path(directory).glob("*.gguf")):
        llm = load(path)
        if reference is None:
            chat = CASES[2]["chat"]
            reference = llm.tokenize(render(llm.metadata["tokenizer.chat_template"], chat).encode("utf-8"),
                                     add_bos=True, special=True)
        types = collections.Counter(t.tensor_type.name for t in GGUFReader(str(path)).tensors)
        files[path.name] = {"sha256": sha256(path), "tensor_types": dict(sorted(types.items())),
                            **greedy(llm, reference)}
        print(f"{path.name}: {dict(types)} greedy {llm.detokenize(files[path.name]['greedy'])!r}", file=sys.stderr)
        del llm
    return {"prompt": reference, "steps": STEPS, "files": files}


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in ("real", "requantized"):
        sys.exit(__doc__)
    data = real(sys.argv[2]) if sys.argv[1] == "real" else requantized(sys.argv[2])
    json.dump(data, sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main()
