"""Summary of ab_types.sh output: per type, threads and engine the median over the rounds of the prompt and
generation figures (wall clock and CPU-time based), then Catena / llama.cpp ratios of the CPU-time based ones.

usage: python3 ab_summary.py LOG
"""
import re
import statistics
import sys
from collections import defaultdict

LINE = re.compile(r"round \d+ (\S+) t=(\d+) (before|after|llama\.cpp): median: prompt ([\d.]+) tok/s, generation ([\d.]+) tok/s"
                  r" cpu: prompt ([\d.]+) tok/s, generation ([\d.]+) tok/s")


def main():
    runs = defaultdict(list)
    with open(sys.argv[1]) as f:
        for line in f:
            m = LINE.search(line)
            if m:
                runs[(m[1], int(m[2]), m[3])].append(tuple(float(v) for v in m.groups()[3:]))
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


if __name__ == "__main__":
    main()
