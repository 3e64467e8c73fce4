#!/usr/bin/env bash
# Prompt-path A/B: CLI versions alternating, many short rounds, one line per run with the load average.
# Each DIR is an unpacked CLI distribution (samples/cli/target/catena-*-dist/catena-*/); versions before the CLI
# conventions take -p for the prompt length.
#   ROUNDS=8 THREADS="2 1" P=128 bash benchmarks/local-llm/ab_prompt.sh MODEL.gguf DIR...
set -u
model=$1; shift
source "$(dirname "$0")/../../.ci/env.sh"
flags="--add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -Xmx256m -XX:+UseSerialGC"
run() { # dir threads
  local pflag=--prompt-tokens
  java $flags -jar "$1/catena-cli.jar" bench --help 2>&1 | grep -q -- '-p, --prompt-tokens' && pflag=-p
  java $flags -jar "$1/catena-cli.jar" bench -m "$model" -t "$2" $pflag "${P:-128}" -g 4 -r 5 2>&1 \
    | grep -E "^median: " | tr -s ' '
}
for round in $(seq "${ROUNDS:-8}"); do
  for t in ${THREADS:-2 1}; do
    for dir in "$@"; do echo "$round t=$t $dir load=$(cut -d' ' -f1 /proc/loadavg): $(run "$dir" "$t")"; done
  done
done
