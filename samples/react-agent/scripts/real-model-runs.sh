#!/usr/bin/env bash
# Asks the sample agent a few questions on the real local model (default: Gemma 3 270M Q4_K_M, greedy)
# and prints how each run ended. Needs the model (bash .ci/setup.d/10-gemma.sh) and an installed build
# (./mvnw -B -q -pl samples/react-agent -am install -DskipTests). Traces go to $OUT (default
# samples/react-agent/target/real-model-runs). Usage: samples/react-agent/scripts/real-model-runs.sh [extra sample options]
set -uo pipefail
root=$(cd "$(dirname "$0")/../../.." && pwd)
out=${OUT:-$root/samples/react-agent/target/real-model-runs}
mkdir -p "$out"
questions=(
  "How much do 3 adult tickets cost?"
  "When was the Great Refractor built?"
  "What is 17 * 23?"
  "Is the observatory open on Mondays?"
)
cd "$root"
n=0
for q in "${questions[@]}"; do
  n=$((n + 1))
  start=$(date +%s)
  ./mvnw -B -q -o -pl samples/react-agent exec:exec \
    -Dreact.args="-i '$q' --max-iterations 4 --max-wall-time 600 $*" > "$out/q$n.txt" 2>&1
  secs=$(( $(date +%s) - start ))
  reason=$(grep -m1 '^Stop reason:' "$out/q$n.txt" | cut -d' ' -f3)
  answer=$(grep -m1 '^Final Answer:' "$out/q$n.txt" | cut -c15-)
  echo "q$n | ${reason:-FAILED (see $out/q$n.txt)} | ${secs}s | $q | ${answer:-}"
done
