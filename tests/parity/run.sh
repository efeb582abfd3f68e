#!/usr/bin/env bash
# Native/WASM parity at scale: N generated cases (tests/core/case_generator.h; default 10000,
# seed 20240601) settled by the native CLI (`settle --jsonl`) and by the WebAssembly module in Node
# give the same bytes, line for line. Prints "N passed, 0 failed" and the time of each stage.
#
#   bash tests/parity/run.sh [N] [SEED]     (N defaults to $PARITY_CASES, else 10000)
#
# Registered in the wasm build's CTest as "parity" (ctest --preset wasm).
#
# Uses the native release build in build/ (built here) and the site in build/site/ (built with
# scripts/build-site.sh when it is missing or older than the sources it is built from).
set -euo pipefail
cd "$(dirname "$0")/../.."
count=${1:-${PARITY_CASES:-10000}}
seed=${2:-20240601}
site=build/site

now() { date +%s.%N; }
took() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f s", b - a }'; }

[[ -f build/CMakeCache.txt ]] || cmake --preset native-release >/dev/null
cmake --build build --target settle generate_cases -j "$(nproc)" >/dev/null

# The WebAssembly module: built when it is missing or older than the sources it is built from.
site_is_fresh() {
  [[ -f $site/settle.js && -f $site/settle.wasm ]] || return 1
  [[ -z $(find core rules wasm CMakeLists.txt -newer "$site/settle.wasm" -type f -print -quit 2>/dev/null) ]]
}
site_is_fresh || bash scripts/build-site.sh >&2

work=$(mktemp -d "${TMPDIR:-/tmp}/settle-parity.XXXXXX")
trap 'status=$?; if ((status == 0)); then rm -rf "$work"; else echo "parity: files kept in $work" >&2; fi' EXIT

start=$(now)
build/tests/generate_cases --generate "$count" "$seed" >"$work/cases.jsonl"
echo "generate: $count cases ($(du -h "$work/cases.jsonl" | cut -f1)) in $(took "$start")" >&2

start=$(now)
build/settle --jsonl "$work/cases.jsonl" >"$work/native.jsonl"
echo "native:   $(wc -l <"$work/native.jsonl") results ($(du -h "$work/native.jsonl" | cut -f1)) in $(took "$start")" >&2

start=$(now)
node tests/parity/compare.mjs "$work/cases.jsonl" "$work/native.jsonl" "$site"
echo "wasm + compare: $(took "$start")" >&2
