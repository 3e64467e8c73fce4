#!/usr/bin/env bash
# Generation with a busy core, both engines (issue 16): per round, a CPU hog pinned to core 1 while Catena and
# llama.cpp generate on 2 threads, then both on 1 and 2 threads with the machine quiet. One line per run.
# DIR is an unpacked CLI distribution (samples/cli/target/catena-*-dist/catena-*/); LLAMA_PYTHON a python with
# llama-cpp-python (none: Catena only).
#   bash benchmarks/local-llm/contention.sh DIR [MODEL.gguf] [ROUNDS]
set -u
dir=$1 model=${2:-${CATENA_MODEL_DIR:-$HOME/.cache/catena/models}/gemma-3-270m-q4_k_m.gguf} rounds=${3:-3}
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../../.ci/env.sh"
python=${LLAMA_PYTHON:-/work/venvs/llamacpp/bin/python}
flags="--add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -Xmx256m -XX:+UseSerialGC"
catena() { java $flags -jar "$dir/catena-cli.jar" bench -m "$model" -t "$1" --prompt-tokens 64 -g 64 -r 3 2>&1 | grep -E "^median: " | tr -s ' '; }
llama() { [ -x "$python" ] && "$python" "$here/llamacpp_bench.py" "$model" "$1" 64 64 3 2>/dev/null | grep -E "^median: " | tr -s ' '; }
for round in $(seq "$rounds"); do
  taskset -c 1 sh -c 'while :; do :; done' & hog=$!
  echo "round $round hog t=2 catena: $(catena 2)"
  echo "round $round hog t=2 llama.cpp: $(llama 2)"
  kill "$hog"; wait "$hog" 2>/dev/null
  for t in 1 2; do
    echo "round $round quiet t=$t catena: $(catena "$t")"
    echo "round $round quiet t=$t llama.cpp: $(llama "$t")"
  done
done
