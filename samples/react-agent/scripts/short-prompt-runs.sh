#!/usr/bin/env bash
# The calculator-only experiment of README.md: a ReAct agent with only the calculator and a five-line
# few-shot prompt asks the local model "What is 17 * 23?" once greedily and with seeds 1-4 at
# temperature 0.7, through the generic `agent` command. Needs the model and an installed build
# (./mvnw -B -q -pl samples/react-agent -am install -DskipTests). Prints each run's tool inputs and stop reason.
set -uo pipefail
root=$(cd "$(dirname "$0")/../../.." && pwd)
model=${GGUF:-${CATENA_MODEL_DIR:-$HOME/.cache/catena/models}/gemma-3-270m-q4_k_m.gguf}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$root"
./mvnw -B -q -o -pl samples/react-agent dependency:build-classpath -Dmdep.outputFile="$work/cp.txt" >/dev/null
cp="samples/react-agent/target/classes:$(cat "$work/cp.txt")"
agent_file() { # $1 = sampling lines
  cat <<YAML
apiVersion: catena/v1
kind: Bundle
models:
  - name: model
    type: local-gguf
    path: '$model'
    maxTokens: 96
$1
tools:
  - {name: calculator, type: calculator}
agents:
  - name: calc-agent
    type: react
    model: {ref: model}
    tools: [{ref: calculator}]
    maxIterations: 4
    maxWallTimeMillis: 300000
    instructions: |
      Use the calculator for arithmetic. Example:
      Question: What is 5 * 6?
      Action: calculator
      Action Input: {"expression": "5 * 6"}
      Observation: 30
      Final Answer: 30
YAML
}
agent_file "    temperature: 0" > "$work/greedy.yaml"
for s in 1 2 3 4; do agent_file "    temperature: 0.7
    seed: $s" > "$work/seed$s.yaml"; done
for run in greedy seed1 seed2 seed3 seed4; do
  "${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java" --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -cp "$cp" \
    dev.catena.agents.cli.AgentCommand "$work/$run.yaml" -i "What is 17 * 23?" > "$work/$run.txt" 2>&1
  echo "$run: exit $? | $(grep '^Action Input:' "$work/$run.txt" | cut -c15- | tr '\n' ' ')| $(grep -m1 '^Final Answer:' "$work/$run.txt") $(grep -m1 '^Stop reason:' "$work/$run.txt")"
done
