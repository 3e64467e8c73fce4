#!/usr/bin/env bash
# Side-by-side serving benchmark: Catena's OpenAI-compatible server and llama.cpp's llama-server on the same GGUF
# file and thread count, alternating (catena, llama, catena, llama, ...), each driven by loadgen.py with 1, 4, 8 and
# 16 concurrent streaming clients. Servers bind 127.0.0.1 only and are stopped after each run.
#
#   benchmarks/serving/run_compare.sh MODEL.gguf [ROUNDS]
#
# Environment: THREADS (2), LEVELS (1,4,8,16), CTX_PER_SLOT (1024), REQUESTS_PER_CLIENT (1), MAX_TOKENS (128), OUT (results dir),
# LLAMA_SERVER (binary; default /work/llama-server-build/build/bin/llama-server, see build_llama_server.sh),
# LLAMA_PY (a Python with llama-cpp-python[server]: used as the llama.cpp anchor only when there is no llama-server
# binary, and labelled so, since it runs one request at a time), CATENA_JAR (the server's quarkus-run.jar), JAVA.
set -euo pipefail
MODEL="${1:?usage: run_compare.sh MODEL.gguf [ROUNDS]}"
ROUNDS="${2:-1}"
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
THREADS="${THREADS:-2}"
LEVELS="${LEVELS:-1,4,8,16}"
RPC="${REQUESTS_PER_CLIENT:-1}"
MAX_TOKENS="${MAX_TOKENS:-128}"
OUT="${OUT:-$ROOT/target/serving-bench}"
LLAMA_SERVER="${LLAMA_SERVER:-/work/llama-server-build/build/bin/llama-server}"
LLAMA_PY="${LLAMA_PY:-/work/venvs/llamacpp/bin/python}"
CATENA_JAR="${CATENA_JAR:-$ROOT/samples/openai-server/target/quarkus-app/quarkus-run.jar}"
JAVA="${JAVA:-${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java}"
MAXSLOTS="${LEVELS##*,}"
CTX_PER_SLOT="${CTX_PER_SLOT:-1024}"
mkdir -p "$OUT"
name="$(basename "$MODEL" .gguf)"
results="$OUT/$name.jsonl"
pid=""

stop() { if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then kill "$pid"; wait "$pid" 2>/dev/null || true; fi; pid=""; }
trap stop EXIT

wait_ready() { # URL: polls /v1/models until it answers (at most 5 minutes)
  for _ in $(seq 1 300); do
    if curl -sf "$1/v1/models" >/dev/null 2>&1; then return 0; fi
    if ! kill -0 "$pid" 2>/dev/null; then echo "server exited; see its log" >&2; return 1; fi
    sleep 1
  done
  echo "server at $1 not ready after 300 s" >&2; return 1
}

drive() { # URL LABEL: waits for the server, warms it up with one short request, runs the levels, stops it
  wait_ready "$1"
  # one short warm-up request (a prompt the measured run does not use) so that loading and JIT are not measured
  python3 "$HERE/loadgen.py" --url "$1" --levels 1 --requests-per-client 1 --max-tokens 8 --first-story 1000 >/dev/null
  python3 "$HERE/loadgen.py" --url "$1" --levels "$LEVELS" --requests-per-client "$RPC" \
    --max-tokens "$MAX_TOKENS" --label "$2" --json "$results"
  stop
}

run_catena() {
  "$JAVA" -Xmx2g --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED \
    -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port=8081 \
    -Dquarkus.catena.models.local.path="$MODEL" -Dquarkus.catena.models.local.threads="$THREADS" \
    -Dquarkus.catena.models.local.slots="$MAXSLOTS" -Dquarkus.catena.models.local.context-length="$CTX_PER_SLOT" \
    -jar "$CATENA_JAR" >"$OUT/catena-$name.log" 2>&1 &
  pid=$!
  drive http://127.0.0.1:8081 catena
}

run_llama() {
  if [[ -x "$LLAMA_SERVER" ]]; then
    label="llama-server"
    "$LLAMA_SERVER" -m "$MODEL" -t "$THREADS" -tb "$THREADS" -np "$MAXSLOTS" -cb -c $((CTX_PER_SLOT * MAXSLOTS)) \
      --host 127.0.0.1 --port 8082 --no-webui >"$OUT/llama-$name.log" 2>&1 &
  else
    label="llama-cpp-py"  # llama.cpp's engine behind llama-cpp-python's server: one request at a time
    "$LLAMA_PY" -m llama_cpp.server --model "$MODEL" --n_threads "$THREADS" --n_threads_batch "$THREADS" \
      --n_ctx 2048 --host 127.0.0.1 --port 8082 >"$OUT/llama-$name.log" 2>&1 &
  fi
  pid=$!
  drive http://127.0.0.1:8082 "$label"
}

echo "# $name, $THREADS threads, levels $LEVELS, $RPC request(s) per client, $MAX_TOKENS tokens; $(date -u +%FT%TZ); load $(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq 1 "$ROUNDS"); do
  run_catena
  run_llama
done
echo "# results appended to $results"
