#!/usr/bin/env bash
# The web tests: WebAssembly/native parity (Node) and the page in Debian's chromium.
# Assumes build/settle (native build) and build/site (scripts/build-site.sh) exist.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/axe-core ]; then
  if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi
fi
for needed in build/settle build/site/settle.js build/site/settle.wasm; do
  [ -e "$needed" ] || { echo "missing $needed: build the CLI and run scripts/build-site.sh first" >&2; exit 1; }
done
node --test tests/web/parity.test.js tests/web/browser.test.js tests/web/share.test.js tests/web/pages.test.js tests/web/plain-text.test.js \
  tests/web/calculator-views.test.js tests/web/training.test.js tests/web/budget.test.js tests/web/serving.test.js tests/web/update.test.js \
  tests/web/local-params.test.js tests/web/layout.test.js tests/web/glossary.test.js
