#!/usr/bin/env bash
# Milvus server for the retrievers' Milvus store tests: PyPI `milvus-lite` 2.5.x in .ci/.venv. Its
# wheel bundles the C++ Milvus binary (milvus_lite/lib/milvus), which the tests run directly as
# `milvus <db file> 127.0.0.1:<port> ERROR` and reach over gRPC. Idempotent; the tests start and stop
# their own server (see MilvusServerExtension).
set -euo pipefail
cd "$(dirname "$0")/../.."
venv=.ci/.venv
version=2.5.1
bin() { ls -d "$venv"/lib/python3*/site-packages/milvus_lite/lib/milvus 2>/dev/null | head -n 1; }
if [ -n "$(bin)" ] && [ -x "$(bin)" ]; then
  echo "milvus-lite binary present: $(bin)"
  exit 0
fi
python=$(command -v python3.11 || command -v python3)
"$python" -m venv "$venv"
"$venv/bin/pip" install -q --disable-pip-version-check "milvus-lite==$version"
[ -x "$(bin)" ] || { echo "milvus-lite $version installed but $venv/.../milvus_lite/lib/milvus is missing" >&2; exit 1; }
echo "milvus-lite binary installed: $(bin)"
