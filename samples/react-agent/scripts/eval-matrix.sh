#!/usr/bin/env bash
# The sample's 20-task evaluation on a real local model, for the README's matrix: ReactAgentEval (that is
# `catena eval agent` with the handbook bean) over the bundled tasks, per seed and with and/or without constrained
# decoding, at low priority. Build first (no install needed):
#   ./mvnw -B -q -pl samples/cli,samples/react-agent -am package -DskipTests
# Usage: samples/react-agent/scripts/eval-matrix.sh smollm2|gemma [more ReactAgentEval options, e.g. --limit 5]
# Environment: SEEDS (default 5), FIRST_SEED (1), CONSTRAINTS (on|off|both, default both), THREADS (2),
# TEMPERATURE (0.5), OUT (samples/react-agent/target/eval), PROMPT_DIR (a folder with react-agent/agent.yaml to try
# instead of the built one). Writes $OUT/<model>-<constraints>-seeds<first>x<n>.json (every run,
# with each task's steps); the table and one line per task (with its steps) go to stdout.
set -euo pipefail
root=$(cd "$(dirname "$0")/../../.." && pwd)
# shellcheck source=../../../.ci/env.sh
source "$root/.ci/env.sh"
model=${1:?usage: eval-matrix.sh smollm2|gemma [ReactAgentEval options]}
shift
models=${CATENA_MODEL_DIR:-$HOME/.cache/catena/models}
case "$model" in
  smollm2) gguf=$models/SmolLM2-135M-Instruct.Q4_1.gguf ;;
  gemma) gguf=$models/gemma-3-270m-q4_k_m.gguf ;;
  *) echo "eval-matrix.sh: unknown model '$model' (smollm2 or gemma)" >&2; exit 2 ;;
esac
[ -f "$gguf" ] || { echo "eval-matrix.sh: $gguf is missing" >&2; exit 2; }
out=${OUT:-$root/samples/react-agent/target/eval}
mkdir -p "$out"
constraints=${CONSTRAINTS:-both}
tag=$model-$constraints-seeds${FIRST_SEED:-1}x${SEEDS:-5}
cat > "$out/$tag.yaml" <<EOF
apiVersion: catena/v1
kind: Model
name: model
type: local-gguf
path: '$gguf'
threads: ${THREADS:-2}
temperature: ${TEMPERATURE:-0.5}
seed: 1
maxTokens: 256
EOF
dist=$(ls -d "$root"/samples/cli/target/catena-*-dist/catena-* | head -n 1)
exec nice -n 19 "$JAVA_HOME/bin/java" -Xmx1536m --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED \
  -cp "${PROMPT_DIR:+$PROMPT_DIR:}$dist/catena-cli.jar:$dist/lib/*:$root/samples/react-agent/target/classes" dev.catena.samples.react.ReactAgentEval \
  --model-file "$out/$tag.yaml" --seeds "${SEEDS:-5}" --first-seed "${FIRST_SEED:-1}" --constraints "$constraints" \
  --steps --out "$out/$tag.json" "$@"
