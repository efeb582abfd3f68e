#!/usr/bin/env bash
# Writes the PNG icons beside web/icon.svg (192 and 512 px, and a 512 px maskable one whose cross
# stays inside the centre circle a launcher may cut out). Needs rsvg-convert (librsvg2-bin,
# scripts/install-deps.sh). The PNGs are committed; run this again after changing the icon.
set -euo pipefail
cd "$(dirname "$0")/../web"
rsvg-convert -w 192 -h 192 icon.svg -o icon-192.png
rsvg-convert -w 512 -h 512 icon.svg -o icon-512.png
# Maskable: the same blue to the edges, the cross at 68% of its size in icon.svg.
rsvg-convert -w 512 -h 512 -o icon-maskable-512.png /dev/stdin <<'SVG'
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" fill="#174ea6"/><rect x="28.4" y="18.4" width="7.2" height="27.2" fill="#fff"/><rect x="18.4" y="28.4" width="27.2" height="7.2" fill="#fff"/></svg>
SVG
