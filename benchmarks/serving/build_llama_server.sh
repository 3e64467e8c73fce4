#!/usr/bin/env bash
# Builds llama.cpp's llama-server from the llama.cpp sources vendored in the PyPI
# source distribution of llama-cpp-python, for the side-by-side serving benchmark.
# Usage: build_llama_server.sh [build-dir]   (default /work/llama-server-build)
# Prints the path of the binary. Idempotent: an existing binary is reused.
set -euo pipefail
VERSION="${LLAMA_CPP_PYTHON_VERSION:-0.3.36}"
DIR="${1:-/work/llama-server-build}"
JOBS="${JOBS:-2}"
PIP="${PIP:-pip}"
mkdir -p "$DIR"
cd "$DIR"
BIN="$DIR/build/bin/llama-server"
if [[ -x "$BIN" ]]; then echo "$BIN"; exit 0; fi
SDIST="llama_cpp_python-$VERSION.tar.gz"
[[ -f "$SDIST" ]] || "$PIP" download --no-binary :all: --no-deps "llama-cpp-python==$VERSION" -d .
[[ -d "llama_cpp_python-$VERSION" ]] || tar xzf "$SDIST"
SRC="$DIR/llama_cpp_python-$VERSION/vendor/llama.cpp"
# Native ISA; AMX off because AMX tiles fault on this kind of shared VM.
nice -n 19 cmake -S "$SRC" -B "$DIR/build" -DCMAKE_BUILD_TYPE=Release \
  -DGGML_NATIVE=ON -DGGML_AMX_TILE=OFF -DGGML_AMX_INT8=OFF -DGGML_AMX_BF16=OFF \
  -DLLAMA_CURL=OFF -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF -DLLAMA_BUILD_SERVER=ON \
  -DBUILD_SHARED_LIBS=OFF >&2
nice -n 19 cmake --build "$DIR/build" --target llama-server -j "$JOBS" >&2
echo "$BIN"
