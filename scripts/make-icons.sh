#!/usr/bin/env bash
# Renders Tabula's icon, assets/icon/tabula.svg, to the PNG sizes the
# freedesktop icon theme and the window use (assets/icon/tabula-N.png) and to
# the Windows icon (assets/icon/tabula.ico). The results are committed, so a
# build needs none of these tools; run this again after changing the SVG.
#
# Needs: rsvg-convert (Debian's librsvg2-bin) and icotool (icoutils).
set -euo pipefail
cd "$(dirname "$0")/../assets/icon"
sizes=(16 24 32 48 64 128 256 512)
for size in "${sizes[@]}"; do
    rsvg-convert --width "$size" --height "$size" tabula.svg --output "tabula-$size.png"
done
# Windows shows 16-48 in lists and the taskbar and 256 in large views; the
# 256 entry is kept as PNG inside the .ico, which every Windows since Vista reads.
icotool --create --output tabula.ico \
    tabula-16.png tabula-24.png tabula-32.png tabula-48.png tabula-64.png --raw=tabula-256.png
ls -l tabula-*.png tabula.ico
