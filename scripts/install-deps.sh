#!/usr/bin/env bash
# Installs everything the project needs on a fresh Debian machine (run as root, or with sudo).
# Quick when all is there already: apt-get runs only for what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  cmake g++ make clang-format          # native build and the format check
  nlohmann-json3-dev catch2            # JSON and the unit tests
  libmimalloc-dev                      # the native command's allocator (CMakeLists.txt SETTLE_MIMALLOC)
  emscripten                           # the WebAssembly build (emcc 3.1.6 on Debian 12)
  chromium fonts-noto-cjk              # the real-browser tests, Chinese glyphs in screenshots
  clang-14 libclang-rt-14-dev          # libFuzzer with ASan and UBSan
  python3                              # the static file server
  librsvg2-bin poppler-utils           # rsvg-convert for web/icon-*.png, pdftoppm to look at print PDFs
)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
# Node may come from elsewhere (a nodesource build ships its own npm, and Debian's npm conflicts
# with it): only ask Debian for what is not on the PATH.
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
if ((${#missing[@]})); then
  sudo_cmd=(); [[ $(id -u) == 0 ]] || sudo_cmd=(sudo)
  echo "installing: ${missing[*]}"
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Node packages for the tests (playwright-core drives Debian's chromium; never downloads a browser).
if [[ -f package.json && ! -d node_modules ]]; then
  if [[ -f package-lock.json ]]; then npm ci --no-audit --no-fund --silent; else npm install --no-audit --no-fund --silent; fi
fi
