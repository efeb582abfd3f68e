#!/usr/bin/env bash
# Installs what is needed, builds the command-line tool (build/settle) and the page
# (build/site), then serves the page at http://localhost:8080 (PORT=... to change).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake --preset native-release >/dev/null
cmake --build --preset native-release -j "$(nproc)" --target settle
bash scripts/build-site.sh
port="${PORT:-8080}"
echo
echo "计算器页面 / calculator: http://localhost:${port}/   (Ctrl-C stops the server)"
exec python3 scripts/static_server.py build/site "$port"
