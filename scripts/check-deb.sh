#!/usr/bin/env bash
# Packaging check (CI): builds the .deb from a release build, installs it with
# dpkg as a student would, finds `tabula` on the PATH, the menu entry and the
# icons in place, opens the window under Xvfb with --startup-probe through the
# menu entry's own command, then removes the package and checks that nothing
# it installed is left behind.
#
# Run as root on Debian or Ubuntu; it installs what it needs with apt-get and
# cargo. It removes an installed `tabula` package before and after.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(xvfb xauth dpkg-dev desktop-file-utils libgl1-mesa-dri libegl-mesa0 libglx-mesa0
    libxkbcommon-x11-0 libxcursor1 libxi6 libxrandr2 libfontconfig1)
missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ((${#missing[@]})); then
    echo "== apt-get install ${missing[*]}"
    apt-get update -q >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
fi
if ! command -v cargo-deb >/dev/null; then
    echo "== cargo install cargo-deb"
    cargo install cargo-deb --version 3.8.0 --locked --quiet
fi

pkgid="$(cargo pkgid)"
version="${pkgid##*[#@]}"
target_dir="${CARGO_TARGET_DIR:-target}"
deb="$target_dir/debian/tabula_${version}_amd64.deb"

echo "== cargo build --release, cargo deb"
cargo build --release --locked
cargo deb --no-build --output "$deb"

work="$(mktemp -d)"
xvfb_pid=""
cleanup() {
    if [[ -n "$xvfb_pid" ]]; then kill "$xvfb_pid" 2>/dev/null || true; fi
    if dpkg-query -W -f='${Status}' tabula 2>/dev/null | grep -q "install ok installed"; then
        dpkg -r tabula >/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT
fail() {
    echo "check-deb: $*" >&2
    exit 1
}

if dpkg-query -W -f='${Status}' tabula 2>/dev/null | grep -q "install ok installed"; then
    echo "== removing the tabula package installed before"
    dpkg -r tabula >/dev/null
fi

echo "== dpkg -i $deb"
dpkg -i "$deb"
dpkg -L tabula | sort > "$work/files"

[[ "$(command -v tabula)" == /usr/bin/tabula ]] || fail "tabula is not on the PATH as /usr/bin/tabula"
tabula --help >/dev/null || fail "tabula --help failed"

entry=/usr/share/applications/tabula.desktop
[[ -f "$entry" ]] || fail "no menu entry at $entry"
desktop-file-validate "$entry" || fail "$entry does not validate"
grep -qx 'Name=Tabula' "$entry" || fail "$entry has no English name"
grep -q '^Name\[zh_CN\]=' "$entry" || fail "$entry has no Chinese name"
icon="$(sed -n 's/^Icon=//p' "$entry")"
command="$(sed -n 's/^Exec=//p' "$entry")"
[[ "$(command -v "$command")" == /usr/bin/tabula ]] || fail "the entry's Exec=$command is not the installed tabula"

for size in 16 24 32 48 64 128 256 512; do
    png="/usr/share/icons/hicolor/${size}x${size}/apps/$icon.png"
    [[ -f "$png" ]] || fail "no icon at $png"
    # The PNG's own header must agree with the folder it is filed under.
    read -r width height < <(python3 -c 'import struct,sys; d=open(sys.argv[1],"rb").read(24); print(*struct.unpack(">II", d[16:24]))' "$png")
    [[ "$width $height" == "$size $size" ]] || fail "$png is ${width}x${height}, filed as ${size}x${size}"
done
[[ -f "/usr/share/icons/hicolor/scalable/apps/$icon.svg" ]] || fail "no scalable icon"
for licence in LICENSE-MIT LICENSE-APACHE OFL-NotoSansCJKsc.txt; do
    [[ -f "/usr/share/doc/tabula/$licence" ]] || fail "no /usr/share/doc/tabula/$licence"
done

echo "== the menu entry's command under Xvfb, --startup-probe"
display=""
for candidate in $(seq 91 99); do
    if [[ ! -e "/tmp/.X11-unix/X$candidate" && ! -e "/tmp/.X$candidate-lock" ]]; then
        display=":$candidate"
        break
    fi
done
[[ -n "$display" ]] || fail "no free X display in :91-:99"
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
xvfb_pid=$!
for _ in $(seq 50); do
    [[ -e "/tmp/.X11-unix/X${display#:}" ]] && break
    sleep 0.1
done
mkdir -m 700 "$work/home" "$work/runtime"
# A first run, as a new user: an empty home, so the data folder is created.
probe="$(env -i PATH=/usr/bin:/bin HOME="$work/home" XDG_RUNTIME_DIR="$work/runtime" DISPLAY="$display" \
    timeout 120 "$command" --startup-probe 2>"$work/probe.err")" || {
    cat "$work/probe.err" >&2
    fail "the window did not start"
}
echo "$probe"
grep -q 'startup_ms' <<<"$probe" || fail "the startup probe printed no startup_ms"
[[ -d "$work/home/.local/share/tabula" ]] || fail "no data folder at ~/.local/share/tabula after the first run"

echo "== dpkg -r tabula"
dpkg -r tabula
if dpkg-query -W -f='${Status}' tabula 2>/dev/null | grep -q "ok installed\|config-files"; then
    fail "tabula is still installed after dpkg -r"
fi
while read -r path; do
    if [[ -f "$path" || -L "$path" ]]; then fail "$path is left behind after dpkg -r"; fi
done < "$work/files"
# bash remembers where it found a command: forget, then look again.
hash -r
if command -v tabula >/dev/null; then fail "tabula is still on the PATH after dpkg -r"; fi
echo "check-deb: the package installs, starts and uninstalls cleanly"
