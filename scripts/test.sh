#!/usr/bin/env bash
# Installs what is needed, builds native (release and ASan/UBSan debug) and WebAssembly, and runs
# every test: format, Catch2 + case files, CLI contract, fuzz smoke, node/wasm parity, browser.
set -euo pipefail
cd "$(dirname "$0")/.."
export NODE_PATH="${NODE_PATH:-/usr/share/nodejs}"
jobs=$(nproc)
step() { printf '\n=== %s\n' "$*"; }

step "dependencies"
bash scripts/install-deps.sh

step "format (clang-format --dry-run)"
git ls-files -z -- '*.cpp' '*.h' | xargs -0 clang-format --dry-run -Werror

step "native debug build with AddressSanitizer + UndefinedBehaviorSanitizer"
cmake --preset native-debug >/dev/null
cmake --build --preset native-debug -j "$jobs"
ctest --preset native-debug

step "native release build"
cmake --preset native-release >/dev/null
cmake --build --preset native-release -j "$jobs"
ctest --preset native-release

step "fuzz smoke run (CMake preset fuzz)"
bash scripts/fuzz.sh "${FUZZ_SECONDS:-60}"

step "WebAssembly build and site"
bash scripts/build-site.sh

step "native/WASM parity on generated cases (PARITY_CASES=${PARITY_CASES:-10000}), node and browser tests"
ctest --preset wasm

echo
echo "all tests passed"
