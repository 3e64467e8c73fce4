"""llama.cpp (llama-cpp-python) counterpart of `catena bench`: the same file, threads, prompt and generation
lengths, seeded random token ids, medians of R runs after one warm-up, plus figures from process CPU time
(tokens / (CPU s / threads)) for a shared machine.

usage: python llamacpp_bench.py MODEL THREADS PROMPT_TOKENS GEN_TOKENS REPEAT
"""
import random
import statistics
import sys
import time

from llama_cpp import Llama


def main():
    model, threads, p, g, r = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
    llm = Llama(model_path=model, n_threads=threads, n_threads_batch=threads, n_ctx=p + g + 8, n_batch=max(p, 8),
                n_gpu_layers=0, verbose=False, logits_all=False)
    vocab = llm.n_vocab()
    rnd = random.Random(42)
    prompt, gen, prompt_cpu, gen_cpu = [], [], [], []
    for run in range(-1, r):
        tokens = [rnd.randrange(vocab) for _ in range(p)]
        llm.reset()
        c0, t0 = time.process_time(), time.perf_counter()
        llm.eval(tokens)
        t1, c1 = time.perf_counter(), time.process_time()
        for _ in range(g):
            llm.eval([rnd.randrange(vocab)])
        t2, c2 = time.perf_counter(), time.process_time()
        if run >= 0:
            prompt.append(p / (t1 - t0))
            gen.append(g / (t2 - t1))
            prompt_cpu.append(p / ((c1 - c0) / threads))
            gen_cpu.append(g / ((c2 - c1) / threads))
            print(f"run {run + 1}: prompt {prompt[-1]:.2f} tok/s, generation {gen[-1]:.2f} tok/s "
                  f"(CPU-time based: {prompt_cpu[-1]:.2f}, {gen_cpu[-1]:.2f})", flush=True)
    print(f"median: prompt {statistics.median(prompt):.2f} tok/s, generation {statistics.median(gen):.2f} tok/s")
    print(f"median CPU-time based (tokens / (process CPU s / threads)): prompt {statistics.median(prompt_cpu):.2f} tok/s, "
          f"generation {statistics.median(gen_cpu):.2f} tok/s")


if __name__ == "__main__":
    main()
