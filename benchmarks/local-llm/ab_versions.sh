#!/usr/bin/env bash
# Two CLI versions side by side: catena bench on Gemma 3 270M, a random 1B Q4_0 and SmolLM2 Q4_1, versions
# alternating (A B A B). Each DIR is an unpacked CLI distribution (samples/cli/target/catena-*-dist/catena-*/)
# or any folder with catena-cli.jar and its lib/. Versions before the CLI conventions take -p for the prompt.
#   bash benchmarks/local-llm/ab_versions.sh BEFORE_DIR AFTER_DIR [RANDOM_1B_Q4_0.gguf]
set -u
before=$1 after=$2 q4_0=${3:-/tmp/catena-bench/random-1b-q4_0.gguf}
source "$(dirname "$0")/../../.ci/env.sh"
flags="--add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -Xmx256m -XX:+UseSerialGC"
models=${CATENA_MODEL_DIR:-$HOME/.cache/catena/models}
run() { # dir file threads
  local pflag=--prompt-tokens
  java $flags -jar "$1/catena-cli.jar" bench --help 2>&1 | grep -q -- '-p, --prompt-tokens' && pflag=-p
  java $flags -jar "$1/catena-cli.jar" bench -m "$2" -t "$3" $pflag 128 -g 64 -r 2 2>&1 \
    | grep -E "^median: |^memory:" | tr -s ' ' | tr '\n' ' '
}
for round in 1 2; do
  for f in "$models/gemma-3-270m-q4_k_m.gguf" "$q4_0"; do
    for t in 1 2; do
      for v in "$before" "$after"; do echo "$round $(basename "$f") t=$t $v: $(run "$v" "$f" "$t")"; done
    done
  done
done
for t in 1 2; do
  for v in "$before" "$after"; do
    echo "1 SmolLM2 Q4_1 t=$t $v: $(run "$v" "$models/SmolLM2-135M-Instruct.Q4_1.gguf" "$t")"
  done
done
