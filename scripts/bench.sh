#!/usr/bin/env bash
# Benchmark figures for issue 18 (not a test: prints PASS/FAIL per budget and exits 0).
#   native settle per case, WASM settle in Node per case (bench/cases/), batch throughput and peak
#   memory of `settle --jsonl` over 100,000 generated cases, the page's gzip weight, and in headless
#   Chromium, as ratios to a static page's first paint in the same run, a plain visit's complete
#   first screen and a #case= link's result (fresh and repeat visits, 1x and 4x CPU throttling),
#   and the recompute of a 50-visit case on a keystroke.
# Needs the native build (made here) and, for the WASM and page figures, build/site/
# (scripts/build-site.sh), node, playwright-core (npm ci) and /usr/bin/chromium; a part whose
# tools are missing is reported as skipped.
# Usage: bash scripts/bench.sh [--quick]   (--quick: 10,000 batch cases, shorter samples, 5 loads; without it
#   also the first screen's floor, bench/first-screen-floor.mjs, at 1x and 4x)
set -uo pipefail
cd "$(dirname "$0")/.."

quick=no
[[ "${1:-}" == "--quick" ]] && quick=yes
batch_cases=100000
seconds=1
loads=10
if [[ $quick == yes ]]; then
  batch_cases=10000
  seconds=0.3
  loads=5
fi

out=build/bench
mkdir -p "$out"
rm -f "$out"/*.tsv "$out"/*.txt
skip() { echo "$*" >> "$out/skipped.txt"; echo "bench: skipped: $*" >&2; }

{
  printf 'date\t%s\n' "$(date -u '+%Y-%m-%d %H:%M UTC')"
  printf 'cpu\t%s\n' "$(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1)"
  printf 'cores\t%s\n' "$(nproc)"
  printf 'load\t%s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
  printf 'args\t%s\n' "$*"
} > "$out/machine.txt"

echo "bench: native build" >&2
if [[ ! -f build/CMakeCache.txt ]]; then cmake --preset native-release > /dev/null; fi
cmake --build build -j "$(nproc)" --target settle settle_bench > /dev/null

echo "bench: native settle per case" >&2
build/bench/settle_bench --seconds "$seconds" bench/cases/*.json > "$out/native.tsv"

site=build/site
have_node=no
command -v node > /dev/null && have_node=yes
if [[ $have_node == yes && -f $site/settle.js && -f $site/settle.wasm ]]; then
  echo "bench: WASM settle per case (node)" >&2
  node bench/wasm-bench.mjs --seconds "$seconds" bench/cases/*.json > "$out/wasm.tsv" || skip "WASM in Node failed"
else
  skip "WASM in Node: needs node and $site/settle.js (bash scripts/build-site.sh)"
fi

echo "bench: batch of $batch_cases generated cases" >&2
batch="$out/batch-$batch_cases.jsonl"
[[ $batch -nt bench/make_batch.py ]] || python3 bench/make_batch.py "$batch_cases" > "$batch"
pin=()
command -v taskset > /dev/null && pin=(taskset -c 0)
for mode in steps nosteps; do
  flags=(--jsonl)
  [[ $mode == nosteps ]] && flags+=(--no-steps)
  report="$out/batch-$mode.txt"
  /usr/bin/time -v -o "$report" "${pin[@]}" build/settle "${flags[@]}" < "$batch" > /dev/null
  printf 'cases %s\n' "$(wc -l < "$batch")" >> "$report"
done
# Every generated case must settle (an error line would make the throughput mean little).
printf 'errors %s\n' "$(build/settle --jsonl --no-steps < "$batch" | grep -c '^{"error"')" >> "$out/batch-nosteps.txt"

if [[ -d $site ]]; then
  for file in "$site"/*; do
    [[ -f $file ]] || continue
    printf '%s\t%s\t%s\n' "$(basename "$file")" "$(stat -c %s "$file")" "$(gzip -6 -c "$file" | wc -c)"
  done > "$out/site.tsv"
else
  skip "page weight: no $site (bash scripts/build-site.sh)"
fi

if [[ $have_node == yes && -f $site/settle.js && -x ${CHROMIUM:-/usr/bin/chromium} && -d node_modules/playwright-core ]]; then
  echo "bench: page in headless Chromium ($loads loads of each kind, fresh and repeat, 1x and 4x throttled)" >&2
  node bench/page-bench.mjs --loads "$loads" bench/cases/yantai-1-visit.json bench/cases/yantai-50-visits.json \
    > "$out/page.tsv" || skip "page in Chromium failed"
  if [[ $quick == no ]]; then
    echo "bench: the first screen's floor: index.html without scripts, against the static page" >&2
    for throttle in 1 4; do
      node bench/first-screen-floor.mjs --loads "$loads" --throttle "$throttle" || skip "first-screen floor at ${throttle}x failed"
    done > "$out/floor.tsv"
  fi
else
  skip "page in Chromium: needs node, $site, /usr/bin/chromium and node_modules/playwright-core (npm ci)"
fi

python3 bench/report.py "$out"
if [[ -s $out/floor.tsv ]]; then
  echo
  echo "The first screen's floor (bench/first-screen-floor.mjs: first contentful paint of index.html cut down, over the static page's):"
  cat "$out/floor.tsv"
fi
exit 0
