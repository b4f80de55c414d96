#!/usr/bin/env bash
# Screenshots of the real app under Xvfb: home, a choice question, a flip card
# revealed, an exam report, browse, statistics and settings, in English and in Chinese,
# at 1280×800 and at 800×600. Written to target/screenshots/ (or $1).
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
trap 'kill $xvfb 2>/dev/null || true' EXIT
sleep 1
export DISPLAY=$display
export XDG_RUNTIME_DIR
XDG_RUNTIME_DIR="$(mktemp -d)"
chmod 700 "$XDG_RUNTIME_DIR"

key() { xdotool key "$@"; sleep 0.6; }
shot() { sleep 0.5; import -window root -crop "${size}+0+0" +repage "$out/$1.png"; echo "wrote $out/$1.png"; }

# One run of the app: a fresh data folder, the given locale and window size.
run() {
    local lang=$1 width=$2 height=$3 suffix=$4
    size="${width}x${height}"
    local data
    data="$(mktemp -d)"
    LANG=$lang LC_ALL=$lang "$TABULA_BIN" --data-dir "$data" --now 2026-05-04T09:00:00Z &
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
    # An exam: its first question is a choice question. Then 20 questions
    # answered "1" (or 1…6 for a matching one; a few spare rounds in case a key is missed), and the report.
    key ctrl+e
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
    kill "$app"
    wait "$app" 2>/dev/null || true
    rm -rf "$data"
}

run en_US.UTF-8 1280 800 en
run zh_CN.UTF-8 1280 800 zh
run en_US.UTF-8 800 600 en-small
run zh_CN.UTF-8 800 600 zh-small
