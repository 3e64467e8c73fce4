#!/usr/bin/env bash
# Ends Milvus (milvus-lite) servers that the tests started (pid files in .ci/servers) and left
# running because their JVM died; a pid is killed only while it is still the milvus_lite binary.
set -uo pipefail
cd "$(dirname "$0")/../.."
for f in .ci/servers/milvus-*.pid; do
  [ -e "$f" ] || continue
  pid=$(cat "$f")
  if tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -q 'milvus_lite/lib/milvus'; then
    kill "$pid" 2>/dev/null && echo "stopped leftover Milvus server $pid"
  fi
  rm -f "$f"
done
