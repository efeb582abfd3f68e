#!/usr/bin/env bash
# Fuzzes the JSON entry point with libFuzzer (clang-14, ASan + UBSan).
#   scripts/fuzz.sh [SECONDS]     default 60 (the test command's smoke run); 1800 for a long run
# Seeds: every case file's case; kept regressions: tests/fuzz/regressions (replayed first).
# A crash leaves crash-* in build-fuzz/: add it to tests/fuzz/regressions and fix the bug.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shared=${SETTLE_SHARED_DIR:-../shared}
# CMake preset "fuzz": clang-14, the library instrumented for coverage (tests/fuzz/CMakeLists.txt).
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j "$(nproc)"

seeds=build-fuzz/seeds
rm -rf "$seeds" && mkdir -p "$seeds" build-fuzz/corpus
python3 - "$seeds" "$shared/cases" tests/cases <<'PY'
import json, pathlib, sys
out = pathlib.Path(sys.argv[1])
for root in sys.argv[2:]:
    if not pathlib.Path(root).is_dir():
        sys.exit(f"fuzz: no case folder {root} (SETTLE_SHARED_DIR)")
    for path in sorted(pathlib.Path(root).rglob("*.json")):
        data = json.loads(path.read_text())
        text = data.get("case_text") if "case_text" in data else json.dumps(data["case"], ensure_ascii=False)
        (out / (path.parent.name + "-" + path.name)).write_text(text)
PY

if compgen -G "tests/fuzz/regressions/*" >/dev/null; then
  echo "replaying $(compgen -G 'tests/fuzz/regressions/*' | wc -l) kept regressions"
  ./build-fuzz/settle_fuzzer tests/fuzz/regressions/* 2>&1 | tail -1
else
  echo "no kept regressions to replay"
fi
echo "fuzzing for ${seconds}s"
cd build-fuzz
./settle_fuzzer -max_total_time="$seconds" -max_len=8192 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
  -dict=../tests/fuzz/case.dict corpus seeds > fuzz.log 2>&1 || true
grep -E "^(stat::number_of_executed_units|stat::peak_rss_mb|Done)|ERROR|SUMMARY" fuzz.log || true
ls crash-* leak-* timeout-* >/dev/null 2>&1 && { echo "fuzzer found a failing input: build-fuzz/crash-*"; exit 1; }
# A run that never got going (no fuzzer, a bad flag) is a failure too, not "no crash".
grep -q "^Done [0-9]* runs" fuzz.log || { tail -5 fuzz.log; echo "fuzz: the fuzzer did not run to the end (build-fuzz/fuzz.log)"; exit 1; }
echo "fuzz: no crash"
