#!/usr/bin/env bash
# Chroma server for the retrievers' Chroma store tests: npm `chromadb` (its `chroma run` CLI) in
# .ci/node. The native binding is pinned to 1.0.5: newer ones need a newer glibc than Debian 12's.
# Idempotent; the tests start and stop their own server (see ChromaServerExtension).
set -euo pipefail
cd "$(dirname "$0")/../.."
dir=.ci/node
if [ -x "$dir/node_modules/.bin/chroma" ] && "$dir/node_modules/.bin/chroma" --help >/dev/null 2>&1; then
  echo "chroma CLI present in $dir"
  exit 0
fi
command -v npm >/dev/null 2>&1 || { export DEBIAN_FRONTEND=noninteractive; apt-get update -qq; apt-get install -y -qq nodejs npm >/dev/null; }
mkdir -p "$dir"
cat > "$dir/package.json" <<'JSON'
{
  "name": "catena-ci-chroma",
  "private": true,
  "dependencies": { "chromadb": "3.5.0" },
  "overrides": { "chromadb-js-bindings-linux-x64-gnu": "1.0.5" }
}
JSON
(cd "$dir" && npm install --no-audit --no-fund --loglevel=error)
"$dir/node_modules/.bin/chroma" --help >/dev/null
echo "chroma CLI installed in $dir"
