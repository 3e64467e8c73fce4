#!/usr/bin/env bash
# Ends Chroma servers that the tests started (pid files in .ci/servers) and left running because
# their JVM died; a pid is killed only while its command line is still `chroma run`.
set -uo pipefail
cd "$(dirname "$0")/../.."
for f in .ci/servers/chroma-*.pid; do
  [ -e "$f" ] || continue
  pid=$(cat "$f")
  if tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -q 'chroma run'; then
    kill "$pid" 2>/dev/null && echo "stopped leftover Chroma server $pid"
  fi
  rm -f "$f"
done
