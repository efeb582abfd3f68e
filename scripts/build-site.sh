#!/usr/bin/env bash
# Builds the WebAssembly module and assembles the page (CMake preset "wasm") into build-wasm/site/,
# copied to build/site/. Needs Debian's emscripten (scripts/install-deps.sh installs it).
set -euo pipefail
cd "$(dirname "$0")/.."
# Debian's emcc runs its optimiser passes with node and finds their modules only here.
export NODE_PATH="${NODE_PATH:-/usr/share/nodejs}"
# The module embeds the rules as the native build compiles them (settle_compile_rules, issue 18).
[[ -f build/CMakeCache.txt ]] || cmake --preset native-release >/dev/null
cmake --build build --target settle_compile_rules -j "$(nproc)" >/dev/null
cmake --preset wasm >/dev/null
cmake --build --preset wasm -j "$(nproc)"
echo "site: $(pwd)/build/site (built in build-wasm/site)"
