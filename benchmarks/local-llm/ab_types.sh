#!/usr/bin/env bash
# Two CLI versions and llama.cpp side by side on the requantized SmolLM2 files (benchmarks/local-llm/requant.py),
# one line per run, engines alternating (before, after, llama.cpp; ROUNDS times), with the load average at the
# start of each line (the machine may be shared). Each DIR is an unpacked CLI distribution
# (samples/cli/target/catena-*-dist/catena-*/); LLAMA_PYTHON a python with llama-cpp-python (none: skipped).
# BEFORE_DIR "-" runs the after version and llama.cpp only; CATENA_JAVA_OPTS adds JVM options to both Catena runs
# (e.g. -Dcatena.kernels.isa=avx2 for the AVX2 kernels; llama.cpp keeps its own choice).
#   bash benchmarks/local-llm/ab_types.sh BEFORE_DIR AFTER_DIR "IQ4_NL IQ4_XS" "1 2" [PROMPT GEN REPEAT ROUNDS]
set -u
before=$1 after=$2 types=$3 threads=$4 prompt=${5:-64} gen=${6:-32} repeat=${7:-2} rounds=${8:-2}
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../../.ci/env.sh"
flags="--add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -Xmx64m -XX:+UseSerialGC -XX:TrimNativeHeapInterval=1000 ${CATENA_JAVA_OPTS:-}"
dir=${CATENA_REQUANT_DIR:-${CATENA_MODEL_DIR:-$HOME/.cache/catena/models}/requant}
python=${LLAMA_PYTHON:-/work/venvs/llamacpp/bin/python}
load() { cut -d' ' -f1 /proc/loadavg; }
catena() { # dir file threads
  java $flags -jar "$1/catena-cli.jar" bench -m "$2" -t "$3" --prompt-tokens "$prompt" -g "$gen" -r "$repeat" 2>&1 \
    | grep -E "^median|^memory" | sed "s/median CPU-time based (tokens \/ (process CPU s \/ threads))/cpu/" | tr -s ' ' | tr "\\n" " "
}
llama() { # file threads
  "$python" "$here/llamacpp_bench.py" "$1" "$2" "$prompt" "$gen" "$repeat" 2>/dev/null | grep -E "^median" | sed "s/median CPU-time based (tokens \/ (process CPU s \/ threads))/cpu/" | tr -s ' ' | tr "\\n" " "
}
for round in $(seq "$rounds"); do
  for type in $types; do
    f="$dir/smollm2-135m-$(echo "$type" | tr 'A-Z' 'a-z').gguf"
    for t in $threads; do
      [ "$before" != - ] && echo "load $(load) round $round $type t=$t before: $(catena "$before" "$f" "$t")"
      echo "load $(load) round $round $type t=$t after: $(catena "$after" "$f" "$t")"
      [ -x "$python" ] && echo "load $(load) round $round $type t=$t llama.cpp: $(llama "$f" "$t")"
    done
  done
done
