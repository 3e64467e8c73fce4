#!/usr/bin/env bash
# The official OpenAI Python client (PyPI `openai`) in a virtual environment of its own, for the
# OpenAI-compatible server sample's client test (OpenAiPythonClientTest). Idempotent: a venv that
# already has the pinned version is kept.
set -euo pipefail
version=3.63.0
venv="${CATENA_OPENAI_VENV:-$HOME/.cache/catena/venvs/openai}"
if [ -x "$venv/bin/python" ] && "$venv/bin/python" -c "import openai, sys; sys.exit(openai.__version__ != '$version')" 2>/dev/null; then
  echo "openai $version present in $venv"
  exit 0
fi
mkdir -p "$(dirname "$venv")"
python3 -m venv "$venv"
"$venv/bin/python" -m pip install -q "openai==$version"
echo "openai $version installed in $venv"
