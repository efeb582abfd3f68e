#!/usr/bin/env bash
# Builds the WebAssembly module and assembles the page into build/site/.
# Needs Debian's emscripten (scripts/install-deps.sh installs it).
set -euo pipefail
cd "$(dirname "$0")/.."
# Debian's emcc runs its optimiser passes with node and finds their modules only here.
export NODE_PATH="${NODE_PATH:-/usr/share/nodejs}"
emcmake cmake -S . -B build-wasm -DCMAKE_BUILD_TYPE=MinSizeRel
cmake --build build-wasm --target site -j "$(nproc)"
echo "site: $(pwd)/build/site"
