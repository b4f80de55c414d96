#!/usr/bin/env bash
# Screenshots of the real app under Xvfb, every screen: home, a flip card and
# the same revealed, a new exam, an exam question, its report, browse,
# statistics, settings, and the Open deck dialog with a broken deck and with
# an import. Each in English and in Chinese, at 1280×800 and at 800×600, light
# and dark, and at 150% zoom at 800×600. Written to target/screenshots/ (or
# $1), with one contact sheet per run (sheet-*.png) to look them over.
#
# Needs (Debian): xvfb xauth imagemagick xdotool libgl1-mesa-dri libegl-mesa0
#   libglx-mesa0 libxkbcommon-x11-0 libxcursor1 libxi6 libxrandr2 libfontconfig1
# Builds the app with `cargo build` first unless TABULA_BIN names a binary.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-target/screenshots}"
mkdir -p "$out"
if [[ -z "${TABULA_BIN:-}" ]]; then
    cargo build --quiet
    TABULA_BIN=target/debug/tabula
fi
display=:97
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp &
xvfb=$!
sleep 1
export DISPLAY=$display
export XDG_RUNTIME_DIR
XDG_RUNTIME_DIR="$(mktemp -d)"
chmod 700 "$XDG_RUNTIME_DIR"

key() { xdotool key "$@"; sleep 0.6; }
shot() { sleep 0.5; import -window root -crop "${size}+0+0" +repage "$out/$1.png"; echo "wrote $out/$1.png"; }

# A deck with mistakes for the Open deck dialog: a missing comma and an
# aspect id used twice, so that its diagnostics show in the window's language.
material="$(mktemp -d)"
trap 'kill $xvfb 2>/dev/null || true; rm -rf "$material"' EXIT
cat >"$material/broken.ron" <<'DECK'
(
    id: "broken",
    title: "A deck with mistakes",
    language: "en",
    content: Table((
        subjects: [(id: "a", name: "Alpha"), (id: "b", name: "Beta")],
        aspects: [
            (id: "size", name: "Size", cells: {"a": "small", "b": "large"})
            (id: "size", name: "Colour", cells: {"a": "red", "b": "blue"}),
        ],
    )),
)
DECK

# One run of the app: a fresh data folder whose window settings give the
# language, theme and zoom, at the given window size.
run() {
    local lang=$1 width=$2 height=$3 theme=$4 zoom=$5 suffix=$6
    size="${width}x${height}"
    local data
    data="$(mktemp -d)"
    # eframe's storage, as the window writes it (src/ui/mod.rs).
    printf '{"tabula-prefs": "(lang:%s,theme:%s,zoom:%s)"}\n' "$lang" "$theme" "$zoom" >"$data/window.ron"
    "$TABULA_BIN" --data-dir "$data" --now 2026-05-04T09:00:00Z &
    local app=$!
    window=""
    for _ in $(seq 50); do
        window="$(xdotool search --name '^Tabula$' 2>/dev/null | head -1 || true)"
        [[ -n "$window" ]] && break
        sleep 0.2
    done
    [[ -n "$window" ]] || { echo "no window appeared" >&2; kill "$app"; exit 1; }
    xdotool windowsize "$window" "$width" "$height"
    xdotool windowmove "$window" 0 0
    sleep 1.5
    # No window manager runs here: give the window the keyboard by hand.
    xdotool windowfocus --sync "$window"
    shot "home-$suffix"
    # Study all: the comparison table's first card is a flip card.
    key Return
    shot "flip-$suffix"
    key space
    shot "flip-revealed-$suffix"
    key 3
    key Escape
    # A new exam, then its first question (a choice question); then 20
    # questions answered "1" (or 1…6 for a matching one; a few spare rounds in
    # case a key is missed), and the report.
    key ctrl+e
    shot "exam-setup-$suffix"
    key Return
    shot "question-$suffix"
    for _ in $(seq 24); do
        xdotool key 1 2 3 4 5 6 Return
        sleep 0.3
    done
    shot "exam-report-$suffix"
    key Escape
    key ctrl+b
    shot "browse-$suffix"
    key ctrl+t
    shot "statistics-$suffix"
    key ctrl+comma
    shot "settings-$suffix"
    key Escape
    key ctrl+o
    xdotool type --delay 5 "$material/broken.ron"
    key Return
    shot "open-deck-error-$suffix"
    # A fresh dialog: its path field has the keyboard again.
    key Escape
    key ctrl+o
    xdotool type --delay 5 "$PWD/tests/fixtures/import/pleco.txt"
    key Return
    shot "open-deck-import-$suffix"
    kill "$app"
    wait "$app" 2>/dev/null || true
    rm -rf "$data"
    local shots=()
    for name in home flip flip-revealed exam-setup question exam-report browse statistics settings \
        open-deck-error open-deck-import; do
        shots+=("$out/$name-$suffix.png")
    done
    montage "${shots[@]}" -tile 4x -geometry 640x400+4+4 -background '#777777' "$out/sheet-$suffix.png"
}

for lang in En Zh; do
    code=$(tr '[:upper:]' '[:lower:]' <<<"$lang")
    for theme in Dark Light; do
        variant=$(tr '[:upper:]' '[:lower:]' <<<"$theme")
        run "$lang" 1280 800 "$theme" 1.0 "$code-$variant"
        run "$lang" 800 600 "$theme" 1.0 "$code-$variant-small"
    done
done
run En 800 600 Dark 1.5 en-dark-small-zoom
run Zh 800 600 Light 1.5 zh-light-small-zoom
