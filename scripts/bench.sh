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

cargo build --release --quiet --bin tabula --example blank_window --example big_data --example bench_decks
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

# The median of numbers, one a line; nothing where a line is not a number
# (a probe that printed no figure) or there is none.
median() {
    sort -n | awk '!/^-?[0-9]+([.][0-9]+)?$/ { bad = 1 } { a[NR] = $1 }
        END { if (bad || NR == 0) exit; print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}
field() { grep "^$1=" | cut -d= -f2 || true; }
is_number() { [[ "$1" =~ ^-?[0-9]+([.][0-9]+)?$ ]]; }
# A / B and A - B, or nothing unless both are numbers (and B is not zero).
ratio() { is_number "$1" && is_number "$2" && awk -v a="$1" -v b="$2" 'BEGIN { if (b != 0) printf "%.2f", a / b }'; }
difference() { is_number "$1" && is_number "$2" && awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", a - b }'; }
# Lines whose figure is missing or not a number; the run fails if any.
missing=0
# The dates of the criterion estimates behind the next line (see `estimate`).
measured=""
# refuse NAME: a line without a figure, never "met".
refuse() {
    printf '%-58s %12s%s\n' "$1" "**no figure**" "${measured:+  (criterion, $measured)}"
    missing=$((missing + 1))
    measured=""
}
# show NAME FIGURE UNIT: a figure without a budget.
show() {
    is_number "$2" || { refuse "$1"; return; }
    printf '%-58s %12s %-3s%s\n' "$1" "$2" "$3" "${measured:+  (criterion, $measured)}"
    measured=""
}
# report NAME FIGURE UNIT BUDGET [WHY]: "met" when FIGURE <= BUDGET; when it
# is not, WHY (what dominates, what meeting it would take) follows. A figure
# that is not a number is refused.
report() {
    is_number "$2" || { refuse "$1"; return; }
    local verdict
    verdict=$(awk -v f="$2" -v b="$4" 'BEGIN { print (f <= b) ? "met" : "NOT MET" }')
    printf '%-58s %12s %-3s  budget ≤ %-8s %s%s\n' "$1" "$2" "$3" "$4" "$verdict" "${measured:+  (criterion, $measured)}"
    measured=""
    if [[ "$verdict" != met && -n "${5:-}" ]]; then
        fold -s -w 76 <<<"$5" | sed '1s/^/    why: /; 2,$s/^/         /'
    fi
}
save_why="Reading and parsing the 100k card states (JSON in the cards table) and PRAGMA quick_check over the whole file; the old review log is not read."
big_why="The window reads only the card states of the decks loaded and checks the database after the first frame; what is left is opening the file and the recent and exam answers (docs/performance.md)."
deck_why="Every card is decided at load by running its refusals (the check reports every card a deck cannot make) and the near-duplicate index is built whole, both over the cores. On two cores the decks took 0.57 to 0.79 s on one loaded machine and 0.83 to 1.19 s on a slower one; other load on the machine moves them by a fifth (docs/performance.md, thirteenth to seventeenth parts)."
ratio_why="The check's CPU time grows 10.6 times for the Chinese FAQ and 12.0 times for the English one (perf, fourteenth part), and a run on a loaded machine moves a ratio by more than a tenth; criterion runs it again and again in one process, and at 100k the memory each run frees is handed back to the system and faulted in again in the next run (about 110 ms of the English FAQ: 12.33 in criterion, 10.0 to 10.7 in a loop of the same check), which the 10k runs do not pay (a 100k round faults in about 210 MB, a fifth of its CPU in the kernel; a 10k round reuses what it freed, warm). The bench decks' near-duplicate pairs also grow with the square of the deck (English FAQ: 12,592 at 10k, 391,380 at 100k; the band search's pair checks of the Chinese FAQ: 1,724 at 10k, 72,956 at 100k), and the work on each pair and the warnings with them (cards not made: Chinese FAQ 2,684 at 10k, 72,088 at 100k); the pairs left to compare after the bands grow 59-fold (English FAQ, 2,200 to 129,000). The 100k rounds read memory from anywhere where the 10k rounds stay in the cache, and slow more than they do on a loaded machine (docs/performance.md, twelfth to eighteenth parts)."
deck_memory_why="The deck text, the parsed deck, the decided card ids, the near-duplicate index (texts end to end, token numbers, the first holders of each token) and the warnings, all held at once while checking."

# The generated material: an 11,000-entry Chinese FAQ deck for launch with a
# big deck in the deck folder, the Anki export for the side-by-side below.
material="$(mktemp -d)"
target/release/examples/bench_decks "$material" >/dev/null

startup=() tabula_peak=() blank_startup=() blank_peak=() deck_startup=()
for _ in $(seq "$runs"); do
    data="$(mktemp -d)"
    out="$("$bin" --data-dir "$data" --startup-probe)"
    startup+=("$(field startup_ms <<<"$out")")
    tabula_peak+=("$(field peak_rss_mb <<<"$out")")
    rm -rf "$data"
    # The same launch with the big deck in the deck folder, run by turns
    # with the one above so that both meet the same load on the machine.
    data="$(mktemp -d)"
    mkdir -p "$data/decks"
    cp "$material/faq-zh-11000.ron" "$data/decks/"
    out="$("$bin" --data-dir "$data" --startup-probe)"
    deck_startup+=("$(field startup_ms <<<"$out")")
    rm -rf "$data"
    out="$("$blank")"
    blank_startup+=("$(field startup_ms <<<"$out")")
    blank_peak+=("$(field peak_rss_mb <<<"$out")")
done
startup_median=$(printf '%s\n' "${startup[@]}" | median)
deck_startup_median=$(printf '%s\n' "${deck_startup[@]}" | median)
blank_median=$(printf '%s\n' "${blank_startup[@]}" | median)
peak_median=$(printf '%s\n' "${tabula_peak[@]}" | median)
blank_peak_median=$(printf '%s\n' "${blank_peak[@]}" | median)
data="$(mktemp -d)"
idle=$("$bin" --data-dir "$data" --idle-probe 5 | field idle_frames)
rm -rf "$data"
# The large history: 100k cards, 1M reviews (examples/big_data.rs, written
# as the database itself), its 34,000-item deck left out: this measures the
# save, beside the empty save of the lines above (issue 11). Median of 3.
data="$(mktemp -d)"
target/release/examples/big_data "$data" >/dev/null
rm -f "$data/decks/big.ron"
# The first open of a day makes the day's backup: not what a launch costs.
"$bin" --data-dir "$data" --startup-probe >/dev/null
big_startups=() big_peaks=()
for _ in 1 2 3; do
    out="$("$bin" --data-dir "$data" --startup-probe)"
    big_startups+=("$(field startup_ms <<<"$out")")
    big_peaks+=("$(field peak_rss_mb <<<"$out")")
done
big_startup=$(printf '%s\n' "${big_startups[@]}" | median)
big_peak=$(printf '%s\n' "${big_peaks[@]}" | median)
rm -rf "$data"

# Peak memory while loading, checking and generating the 100,000-entry
# Chinese FAQ deck of the deck_shapes bench (`tabula check`, the resident
# peak /usr/bin/time reports), median of 3, beside the blank window's.
target/release/examples/bench_decks "$material" shapes >/dev/null
deck_peaks=()
for _ in 1 2 3; do
    /usr/bin/time -f '%M' -o "$material/peak" "$bin" check "$material/faq-zh-100000.ron" >/dev/null 2>&1 || true
    kb=$(tail -1 "$material/peak" 2>/dev/null || true)
    deck_peaks+=("$(awk -v k="$kb" 'BEGIN { if (k ~ /^[0-9]+$/) printf "%.1f", k / 1024 }')")
done
deck_peak=$(printf '%s\n' "${deck_peaks[@]}" | median)

# Side by side with Anki: its own import of the 10,000-note Chinese export
# (scripts/anki_import_time.py, in-process), and Tabula's `import` of the same
# file as a whole process, start to exit (median of 11).
anki_file="$material/anki-zh-10000.txt"
anki_out="$(python3 scripts/anki_import_time.py "$anki_file" 3 2>/dev/null || echo "anki=absent")"
anki_s="$(field anki_import_s <<<"$anki_out")"
process=()
for _ in $(seq 11); do
    start=$(date +%s%N)
    "$bin" import "$anki_file" --out "$material/imported.ron" 2>/dev/null
    process+=("$(awk -v a="$start" -v b="$(date +%s%N)" 'BEGIN { printf "%.1f", (b - a) / 1e6 }')")
done
process_median=$(printf '%s\n' "${process[@]}" | median)
rm -rf "$material"

# estimate ID: sets `figure` to a benchmark's median in milliseconds from
# criterion's own record (target/criterion/ID/new/estimates.json, in
# nanoseconds), empty where there is none, and adds the record's date to
# `measured`, which the next line prints.
estimate() {
    local file="target/criterion/$1/new/estimates.json" when
    figure=$(python3 -c 'import json, sys; print("%.3f" % (json.load(open(sys.argv[1]))["median"]["point_estimate"] / 1e6))' \
        "$file" 2>/dev/null) || figure=""
    when=$(date -u -r "$file" '+%Y-%m-%d %H:%M UTC' 2>/dev/null) || when="no record of $1"
    measured="${measured:+$measured; }$when"
}
# Durable writes are measured where a save lives, on the data folder's file
# system: the system temp folder may be RAM, where a sync costs nothing.
data_home="${XDG_DATA_HOME:-$HOME/.local/share}"
mkdir -p "$data_home"
export TABULA_BENCH_DIR="$data_home"
# SKIP_BENCHES=1 reports the figures of the last run instead, each with its date.
if [[ -z "${SKIP_BENCHES:-}" ]]; then
    cargo bench --quiet --bench core -- --noplot >/dev/null
    cargo bench --quiet --bench ui -- --noplot >/dev/null
fi

echo
echo "Tabula budgets on $(date -u +%Y-%m-%d), $(nproc) cores; startup: median of $runs runs"
if [[ -n "${SKIP_BENCHES:-}" ]]; then
    echo "(SKIP_BENCHES: criterion figures are those of an earlier run, dated on each line)"
fi
report "launch to first question (--startup-probe)" "$startup_median" ms 150
show "launch to first question, 11,000-entry deck in the deck folder" "$deck_startup_median" ms
report "the same / with the shipped decks alone" "$(ratio "$deck_startup_median" "$startup_median")" "" 1.2
echo "  (a blank eframe window here: median ${blank_median:-no figure} ms to its first painted frame)"
report "frames drawn by an idle window in 5 s (--idle-probe 5)" "$idle" "" 0
report "peak memory above a blank window, built-in decks" "$(difference "$peak_median" "$blank_peak_median")" MB 30
echo "  (Tabula ${peak_median:-no figure} MB, blank window ${blank_peak_median:-no figure} MB)"
estimate frame/study_screen
report "frame: study screen (build + tessellate)" "$figure" ms 1
estimate frame/browse_10k_rows
report "frame: Browse of a 10,000-row table" "$figure" ms 4
echo "  (durable writes below: in $data_home, a $(stat -f -c %T "$data_home") file system)"
estimate record_answer_durably/1000
short=$figure
report "record one answer durably, 1k reviews in the history" "$short" ms 2
estimate record_answer_durably/1000000
long=$figure
report "record one answer durably, 1M reviews in the history" "$long" ms 2
report "  ratio 1M / 1k, medians" "$(ratio "$long" "$short")" "" 1.5
estimate open_save/100k_cards_1M_reviews
report "open a save of 100k cards and 1M reviews" "$figure" ms 1000 "$save_why"
estimate open_save/empty
show "  (an empty save)" "$figure" ms
estimate stats_365_days/1M_reviews
report "statistics for 365 days over 1M reviews (off the UI thread)" "$figure" ms 300
estimate merge_saves/100k_reviews_each
report "merge two saves of 100k reviews each (10k cards replayed)" "$figure" ms 2000
estimate import_anki_10k_rows
report "import a 10,000-row Anki text export" "$figure" ms 35
for items in 1000 10000; do
    estimate "deck_load_validate_generate/$items"
    show "load + validate + generate a ${items}-item deck (first session)" "$figure" ms
done
estimate deck_load_validate_generate/100000
hundred_k=$figure
report "load + validate + generate a 100000-item deck (first session)" "$hundred_k" ms 1000 "$deck_why"
estimate deck_load_validate_generate/10000
ten_k=$figure
estimate deck_load_validate_generate/100000
report "time(100k items) / time(10k items)" "$(ratio "$figure" "$ten_k")" "" 12
estimate import_anki_zh_10k_rows
in_process=$figure
show "import a 10,000-note Chinese Anki export, in-process" "$in_process" ms
show "  the same, as a whole process (tabula import, start to exit)" "$process_median" ms
if is_number "$anki_s"; then
    anki_ms=$(awk -v s="$anki_s" 'BEGIN { printf "%.1f", s * 1000 }')
    show "  Anki's own import of that file (Collection.import_csv)" "$anki_ms" ms
    report "  Tabula in-process / Anki in-process" "$(ratio "$in_process" "$anki_ms")" "" 0.1
    report "  Tabula whole process / Anki in-process" "$(ratio "$process_median" "$anki_ms")" "" 0.2
else
    echo "  (Anki is not installed here (pip install anki): no side-by-side; Tabula's figures above)"
fi
for shape in faq lists; do
    for script in zh en; do
        estimate "deck_shapes/${shape}_${script}_10000"
        small=$figure
        show "load + check + first session, 10,000-entry $shape deck ($script)" "$small" ms
        estimate "deck_shapes/${shape}_${script}_100000"
        big=$figure
        report "load + check + first session, 100,000-entry $shape deck ($script)" "$big" ms 1000 "$deck_why"
        report "  time(100k) / time(10k)" "$(ratio "$big" "$small")" "" 11 "$ratio_why"
    done
done
estimate every_question/faq_zh_10000
show "every question of a 10,000-entry Chinese FAQ built (40,000), for the record" "$figure" ms
report "peak memory above a blank window, 100,000-entry deck checked" \
    "$(difference "$deck_peak" "$blank_peak_median")" MB 150 "$deck_memory_why"
echo "  (tabula check of the 100,000-entry Chinese FAQ: ${deck_peak:-no figure} MB peak, median of 3)"
report "launch with 100k cards and 1M reviews / with an empty save" "$(ratio "$big_startup" "$startup_median")" "" 1.2 \
    "$big_why"
echo "  (launch to first question with that history: ${big_startup:-no figure} ms, median of 3)"
report "peak memory above a blank window, 100k cards and 1M reviews" \
    "$(difference "$big_peak" "$blank_peak_median")" MB 60 "$big_why"
echo "  (Tabula ${big_peak:-no figure} MB)"

if ((missing > 0)); then
    echo "bench.sh: $missing line(s) without a figure; see **no figure** above" >&2
    exit 1
fi
