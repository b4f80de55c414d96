#!/usr/bin/env bash
# Builds every release artifact into dist/, named with the version in
# Cargo.toml:
#   tabula_VERSION_amd64.deb                       Debian/Ubuntu package (cargo-deb)
#   tabula-VERSION-x86_64-pc-windows-gnu.zip       tabula.exe and the licences
#   SHA256SUMS                                     checksums of both
#
# Needs: cargo-deb (`cargo install cargo-deb --locked`), the Windows target
# (`rustup target add x86_64-pc-windows-gnu`), MinGW (Debian:
# gcc-mingw-w64-x86-64) and zip. The Windows exe is cross-built here and
# never run: see the README's Install section.
set -euo pipefail
cd "$(dirname "$0")/.."

windows_target=x86_64-pc-windows-gnu
pkgid="$(cargo pkgid)"
version="${pkgid##*[#@]}"
target_dir="${CARGO_TARGET_DIR:-target}"

missing=()
command -v cargo-deb >/dev/null || missing+=("cargo-deb (cargo install cargo-deb --locked)")
command -v x86_64-w64-mingw32-gcc >/dev/null || missing+=("MinGW (apt-get install gcc-mingw-w64-x86-64)")
command -v zip >/dev/null || missing+=("zip (apt-get install zip)")
rustup target list --installed 2>/dev/null | grep -qx "$windows_target" \
    || missing+=("the $windows_target target (rustup target add $windows_target)")
if ((${#missing[@]})); then
    printf 'release.sh needs:\n' >&2
    printf '  %s\n' "${missing[@]}" >&2
    exit 1
fi

rm -rf dist
mkdir -p dist

echo "== Linux: tabula_${version}_amd64.deb"
cargo build --release --locked
cargo deb --no-build --output "dist/tabula_${version}_amd64.deb"

echo "== Windows: tabula-${version}-${windows_target}.zip"
cargo build --release --locked --target "$windows_target"
exe="$target_dir/$windows_target/release/tabula.exe"
# A DLL of the MinGW runtime (libgcc_s, libwinpthread…) would be missing on a
# student's Windows: the exe must import system DLLs only.
if x86_64-w64-mingw32-objdump -p "$exe" | grep -i 'DLL Name: lib'; then
    echo "tabula.exe needs a MinGW runtime DLL that Windows does not have" >&2
    exit 1
fi
stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
folder="$stage/tabula-$version"
mkdir "$folder"
x86_64-w64-mingw32-strip -o "$folder/tabula.exe" "$exe"
cp LICENSE-MIT LICENSE-APACHE README.md "$folder/"
cp assets/fonts/OFL.txt "$folder/OFL-NotoSansCJKsc.txt"
(cd "$stage" && zip -q -X -r "tabula-${version}-${windows_target}.zip" "tabula-$version")
mv "$stage/tabula-${version}-${windows_target}.zip" dist/

(cd dist && sha256sum -- *.deb *.zip > SHA256SUMS)
echo "== dist/"
ls -l dist
cat dist/SHA256SUMS
