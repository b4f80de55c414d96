#!/usr/bin/env bash
# Every budget of docs/performance.md measured on this machine, one line each:
# the figure, the budget beside it, met or not.
#
# Runs the release build's probes under Xvfb (`--startup-probe`,
# `--idle-probe`, and the blank eframe window of examples/blank_window.rs for
# the memory baseline), then the criterion benches (benches/core.rs,
# benches/ui.rs). Takes a few minutes.
#
# Needs (Debian): xvfb xauth libgl1-mesa-dri libegl-mesa0 libglx-mesa0
#   libxkbcommon-x11-0 libxcursor1 libxi6 libxrandr2 libfontconfig1
# RUNS=N sets the number of startup runs (default 11).
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${RUNS:-11}"

cargo build --release --quiet --bin tabula --example blank_window --example big_data
bin=target/release/tabula
blank=target/release/examples/blank_window

if [[ -z "${DISPLAY:-}" ]]; then
    Xvfb :95 -screen 0 1280x800x24 -nolisten tcp &
    xvfb=$!
    trap 'kill $xvfb 2>/dev/null || true' EXIT
    export DISPLAY=:95
    sleep 1
fi
export XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-$(mktemp -d)}"
chmod 700 "$XDG_RUNTIME_DIR"

median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
field() { grep "^$1=" | cut -d= -f2; }
# report NAME FIGURE UNIT BUDGET [WHY]: "met" when FIGURE <= BUDGET; when it
# is not, WHY (what dominates, what meeting it would take) follows.
report() {
    local verdict
    verdict=$(awk -v f="$2" -v b="$4" 'BEGIN { print (f <= b) ? "met" : "NOT MET" }')
    printf '%-58s %12s %-3s  budget ≤ %-8s %s\n' "$1" "$2" "$3" "$4" "$verdict"
    if [[ "$verdict" != met && -n "${5:-}" ]]; then
        fold -s -w 76 <<<"$5" | sed '1s/^/    why: /; 2,$s/^/         /'
    fi
}
save_why="Parsing the 327 MB pretty-printed RON snapshot into owned strings, about 3 µs a review. Needs a compact snapshot (reviews as tuples with interned card ids, or a binary column file beside the RON), with a format version and a migration."
deck_why="Constant work per question now (linear overall): SipHash on string keys, option texts allocated, 64 candidates scored by token multisets; and a deck is generated twice at load. Needs ids for keys, a faster hash, one generation per load, questions made when asked."

startup=() tabula_peak=() blank_startup=() blank_peak=()
for _ in $(seq "$runs"); do
    data="$(mktemp -d)"
    out="$("$bin" --data-dir "$data" --startup-probe)"
    startup+=("$(field startup_ms <<<"$out")")
    tabula_peak+=("$(field peak_rss_mb <<<"$out")")
    rm -rf "$data"
    out="$("$blank")"
    blank_startup+=("$(field startup_ms <<<"$out")")
    blank_peak+=("$(field peak_rss_mb <<<"$out")")
done
startup_median=$(printf '%s\n' "${startup[@]}" | median)
blank_median=$(printf '%s\n' "${blank_startup[@]}" | median)
peak_median=$(printf '%s\n' "${tabula_peak[@]}" | median)
blank_peak_median=$(printf '%s\n' "${blank_peak[@]}" | median)
data="$(mktemp -d)"
idle=$("$bin" --data-dir "$data" --idle-probe 5 | field idle_frames)
rm -rf "$data"
# The large history: 100k cards, 1M reviews, a 34,000-item deck (examples/big_data.rs).
data="$(mktemp -d)"
target/release/examples/big_data "$data" >/dev/null
out="$("$bin" --data-dir "$data" --startup-probe)"
big_startup=$(field startup_ms <<<"$out") big_peak=$(field peak_rss_mb <<<"$out")
rm -rf "$data"

# A benchmark's median in milliseconds, from criterion's own record
# (target/criterion/GROUP/ID/new/estimates.json, in nanoseconds).
bench_ms() {
    python3 -c 'import json, sys; print("%.3f" % (json.load(open(sys.argv[1]))["median"]["point_estimate"] / 1e6))' \
        "target/criterion/$1/new/estimates.json"
}
# SKIP_BENCHES=1 reports the figures of the last run instead.
if [[ -z "${SKIP_BENCHES:-}" ]]; then
    cargo bench --quiet --bench core -- --noplot >/dev/null
    cargo bench --quiet --bench ui -- --noplot >/dev/null
fi

echo
echo "Tabula budgets on $(date -u +%Y-%m-%d), $(nproc) cores; startup: median of $runs runs"
report "launch to first question (--startup-probe)" "$startup_median" ms 150
echo "  (a blank eframe window here: median ${blank_median} ms to its first painted frame)"
report "frames drawn by an idle window in 5 s (--idle-probe 5)" "$idle" "" 0
report "peak memory above a blank window, built-in decks" \
    "$(awk -v a="$peak_median" -v b="$blank_peak_median" 'BEGIN { printf "%.1f", a - b }')" MB 30
echo "  (Tabula ${peak_median} MB, blank window ${blank_peak_median} MB)"
report "frame: study screen (build + tessellate)" "$(bench_ms frame/study_screen)" ms 1
report "frame: Browse of a 10,000-row table" "$(bench_ms frame/browse_10k_rows)" ms 4
short="$(bench_ms record_answer_durably/1000)" long="$(bench_ms record_answer_durably/1000000)"
report "record one answer durably, 1k reviews in the history" "$short" ms 2
report "record one answer durably, 1M reviews in the history" "$long" ms 2
report "  ratio 1M / 1k" "$(awk -v a="$long" -v b="$short" 'BEGIN { printf "%.2f", a / b }')" "" 2
report "open a save of 100k cards and 1M reviews" "$(bench_ms open_save/100k_cards_1M_reviews)" ms 1000 "$save_why"
report "import a 10,000-row Anki text export" "$(bench_ms import_anki_10k_rows)" ms 35
for items in 1000 10000; do
    printf '%-58s %12s ms\n' "load + validate + generate a ${items}-item deck" "$(bench_ms "deck_load_validate_generate/$items")"
done
report "load + validate + generate a 100000-item deck" "$(bench_ms deck_load_validate_generate/100000)" ms 1000 "$deck_why"
report "time(100k items) / time(10k items)" "$(awk -v a="$(bench_ms deck_load_validate_generate/100000)" \
    -v b="$(bench_ms deck_load_validate_generate/10000)" 'BEGIN { printf "%.1f", a / b }')" "" 12
report "peak memory above a blank window, 100k cards and 1M reviews" \
    "$(awk -v a="$big_peak" -v b="$blank_peak_median" 'BEGIN { printf "%.1f", a - b }')" MB 150 \
    "The whole snapshot text is held while it is parsed, then 1M reviews as owned strings, and the 34,000-item deck generated twice. The compact snapshot above, and one generation per load."
echo "  (Tabula ${big_peak} MB; launch to first question with that history: ${big_startup} ms)"
