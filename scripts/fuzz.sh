#!/usr/bin/env bash
# Fuzzes the JSON entry point with libFuzzer (clang-14, ASan + UBSan).
#   scripts/fuzz.sh [SECONDS]     default 60 (the test command's smoke run); 1800 for a long run
# Seeds: every case file's case; kept regressions: tests/fuzz/regressions (replayed first).
# A crash leaves crash-* in build-fuzz/: add it to tests/fuzz/regressions and fix the bug.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
flags="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
cmake -S . -B build-fuzz -DSETTLE_FUZZ=ON -DCMAKE_CXX_COMPILER=clang++-14 -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_FLAGS="$flags" >/dev/null
cmake --build build-fuzz --target settle_fuzzer -j "$(nproc)"

seeds=build-fuzz/seeds
rm -rf "$seeds" && mkdir -p "$seeds" build-fuzz/corpus
python3 - "$seeds" ../shared/cases tests/cases <<'PY'
import json, pathlib, sys
out = pathlib.Path(sys.argv[1])
for root in sys.argv[2:]:
    for path in sorted(pathlib.Path(root).rglob("*.json")):
        data = json.loads(path.read_text())
        text = data.get("case_text") if "case_text" in data else json.dumps(data["case"], ensure_ascii=False)
        (out / (path.parent.name + "-" + path.name)).write_text(text)
PY

echo "replaying $(ls tests/fuzz/regressions | wc -l) kept regressions"
if compgen -G "tests/fuzz/regressions/*" >/dev/null; then
  ./build-fuzz/settle_fuzzer tests/fuzz/regressions/* 2>&1 | tail -1
fi
echo "fuzzing for ${seconds}s"
cd build-fuzz
./settle_fuzzer -max_total_time="$seconds" -max_len=8192 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
  -dict=../tests/fuzz/case.dict corpus seeds 2>&1 | grep -E "^(stat::number_of_executed_units|stat::peak_rss_mb|Done)|ERROR|SUMMARY" || true
ls crash-* leak-* timeout-* >/dev/null 2>&1 && { echo "fuzzer found a failing input: build-fuzz/crash-*"; exit 1; }
echo "fuzz: no crash"
