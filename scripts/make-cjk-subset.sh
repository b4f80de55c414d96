#!/usr/bin/env bash
# Cuts the CJK font Tabula bundles, assets/fonts/NotoSansCJKsc-Subset.otf,
# from Noto Sans CJK SC (SIL Open Font Licence 1.1).
#
# Kept: ASCII, the GB2312 symbols and its 3,755 level-1 characters (the
# common ones), and every character the shipped decks and the interface
# use. Characters outside that set fall back to the system's fonts.
#
# Needs: Debian's fonts-noto-cjk (or its .deb unpacked: pass the .ttc path),
# and fonttools (`pip install fonttools`). Run it again after adding Chinese
# text to the decks or the interface; a test checks that nothing is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
ttc="${1:-/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc}"
out=assets/fonts/NotoSansCJKsc-Subset.otf
chars="$(mktemp)"
trap 'rm -f "$chars"' EXIT
python3 - "$chars" <<'PY'
import pathlib, sys
text = set(chr(c) for c in range(0x20, 0x7f))
# GB2312: rows 0xA1-0xA9 are symbols, 0xB0-0xD7 the level-1 characters.
for row in list(range(0xA1, 0xAA)) + list(range(0xB0, 0xD8)):
    for cell in range(0xA1, 0xFF):
        try:
            text.add(bytes([row, cell]).decode("gb2312"))
        except UnicodeDecodeError:
            pass
for pattern in ("decks/*.ron", "src/ui/**/*.rs", "tests/fixtures/**/*"):
    for path in pathlib.Path(".").glob(pattern):
        if path.is_file():
            text.update(path.read_text(encoding="utf-8", errors="ignore"))
text = {c for c in text if ord(c) >= 0x20}
pathlib.Path(sys.argv[1]).write_text("".join(sorted(text)), encoding="utf-8")
print(f"{len(text)} characters", file=sys.stderr)
PY
pyftsubset "$ttc" --font-number=2 --text-file="$chars" --layout-features='' \
    --no-hinting --desubroutinize --name-IDs='*' --output-file="$out"
ls -l "$out"
