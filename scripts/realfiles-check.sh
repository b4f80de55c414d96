#!/usr/bin/env bash
# Imports each file of ../shared/realfiles without flags and prints a
# Markdown table: the result before (the README's column) and now.
# Not part of CI: the files are other people's data and are not in the repo.
# Usage: scripts/realfiles-check.sh [FOLDER]   (TABULA=path/to/tabula to pick a binary)
set -euo pipefail
export LC_ALL=C.UTF-8
root="$(cd "$(dirname "$0")/.." && pwd)"
folder="${1:-$root/../shared/realfiles}"
tabula="${TABULA:-$root/target/debug/tabula}"
if [ ! -d "$folder" ]; then
    echo "no folder $folder; nothing to check" >&2
    exit 0
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
imported=0
total=0
echo "| file | before | now |"
echo "|---|---|---|"
for file in "$folder"/*; do
    name="$(basename "$file")"
    [ "$name" = README.md ] && continue
    total=$((total + 1))
    before="$(awk -F'|' -v f="\`$name\`" '$2 ~ f { gsub(/^ +| +$/, "", $8); print $8 }' "$folder/README.md" 2>/dev/null | head -1)"
    if "$tabula" import "$file" --out "$work/deck.ron" >"$work/out" 2>"$work/err" \
        && "$tabula" check "$work/deck.ron" >/dev/null 2>"$work/check"; then
        imported=$((imported + 1))
        entries="$(grep -m1 ' read → ' "$work/err" | sed 's/.*: //')"
        language="$(grep -m1 '^ *language: ' "$work/deck.ron" | sed 's/.*"\(.*\)".*/\1/' || true)"
        skipped="$(grep -c ': skipped ' "$work/err" || true)"
        now="imported: $entries; language $language"
        [ "$skipped" != 0 ] && now="$now; $(grep ': skipped ' "$work/err" | sed 's/^[^:]*: //' | sed -E "s/^(.{0,90}).*/\1/" | paste -sd ';' -)"
    else
        now="REFUSED: $(head -1 "$work/err" | sed "s#^$folder/##" | sed -E "s/^(.{0,220}).*/\1/")"
    fi
    now="${now//|/\\|}"
    before="${before//|/\\|}"
    echo "| \`$name\` | $before | $now |"
done
echo
echo "$imported of $total imported without flags"
