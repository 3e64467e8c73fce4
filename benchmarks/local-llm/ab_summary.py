"""Summary of ab_types.sh output: per type, threads and engine the median over the rounds of the prompt and
generation figures (wall clock and CPU-time based), then Catena / llama.cpp ratios of the CPU-time based ones,
then (for a quiet machine) the wall-clock figures of the newest Catena against llama.cpp with Catena's resident
memory against file + KV cache + 200 MB.

usage: python3 ab_summary.py LOG
"""
import re
import statistics
import sys
from collections import defaultdict

LINE = re.compile(r"round \d+ (\S+) t=(\d+) (before|after|llama\.cpp): median: prompt ([\d.]+) tok/s, generation ([\d.]+) tok/s"
                  r" cpu: prompt ([\d.]+) tok/s, generation ([\d.]+) tok/s")

MEMORY = re.compile(r"memory: resident (\d+) MB .*= (\d+) MB")


def main():
    runs = defaultdict(list)
    memory = defaultdict(list)
    with open(sys.argv[1]) as f:
        for line in f:
            m = LINE.search(line)
            if m:
                runs[(m[1], int(m[2]), m[3])].append(tuple(float(v) for v in m.groups()[3:]))
                mem = MEMORY.search(line)
                if mem and m[3] == "after":
                    memory[(m[1], int(m[2]))].append((int(mem[1]), int(mem[2])))
    keys = sorted({(t, n) for t, n, _ in runs})
    print("| type | threads | engine | rounds | prompt wall / CPU | generation wall / CPU |")
    print("|---|---|---|---|---|---|")
    for t, n in keys:
        for engine in ("before", "after", "llama.cpp"):
            r = runs.get((t, n, engine))
            if r:
                med = [statistics.median(v[i] for v in r) for i in range(4)]
                print(f"| {t} | {n} | {engine} | {len(r)} | {med[0]:.1f} / {med[2]:.1f} | {med[1]:.1f} / {med[3]:.1f} |")
    print()
    print("| type | threads | prompt CPU ratio before / after | generation CPU ratio before / after |")
    print("|---|---|---|---|")
    for t, n in keys:
        ref = runs.get((t, n, "llama.cpp"))
        if not ref:
            continue
        rp = statistics.median(v[2] for v in ref)
        rg = statistics.median(v[3] for v in ref)
        cells = []
        for i, base in ((2, rp), (3, rg)):
            parts = []
            for engine in ("before", "after"):
                r = runs.get((t, n, engine))
                parts.append(f"{statistics.median(v[i] for v in r) / base:.2f}" if r else "-")
            cells.append(" / ".join(parts))
        print(f"| {t} | {n} | {cells[0]} | {cells[1]} |")

    print()
    print("| type | threads | prompt tok/s Catena / llama.cpp | generation tok/s Catena / llama.cpp | Catena resident / limit MB |")
    print("|---|---|---|---|---|")
    for t, n in keys:
        ref = runs.get((t, n, "llama.cpp"))
        ours = runs.get((t, n, "after")) or runs.get((t, n, "before"))
        if not ref or not ours:
            continue
        cells = []
        for i in (0, 1):
            a, b = statistics.median(v[i] for v in ours), statistics.median(v[i] for v in ref)
            cells.append(f"{a:.0f} / {b:.0f} = {a / b:.2f}")
        mem = memory.get((t, n))
        cells.append(f"{max(r for r, _ in mem)} / {mem[0][1]}" if mem else "-")
        print(f"| {t} | {n} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
