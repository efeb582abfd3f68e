#!/usr/bin/env bash
# The web tests: every tests/web/*.test.js (node --test finds them; the helpers beside them are
# not tests): WebAssembly/native parity in Node and the page in Debian's chromium.
# Assumes build/settle (native build) and build/site (scripts/build-site.sh) exist. Registered in
# the wasm build's CTest as "web" (ctest --preset wasm).
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/axe-core ]; then
  if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi
fi
for needed in build/settle build/site/settle.js build/site/settle.wasm; do
  [ -e "$needed" ] || { echo "missing $needed: build the CLI and run scripts/build-site.sh first" >&2; exit 1; }
done
node --test tests/web/
