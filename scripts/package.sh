#!/usr/bin/env bash
# What a person downloads instead of building flowdeck (issue 27), made in OUT (default
# target/package) and listed:
#
#   flowdeck_<version>-1_<arch>.deb          the Linux package (cargo-deb): the program, its
#                                            desktop entry and icons, the extension in
#                                            /usr/share/flowdeck/extension
#   flowdeck-<version>-linux-<arch>.tar.gz   portable: the program, extension/, README, LICENSE
#   flowdeck-extension-<version>.zip         the browser extension: unzip, then Load unpacked
#
# Usage:
#   scripts/package.sh [--no-build] [OUT]   all three; --no-build packs the release program
#                                           already built (CI: the one its benchmarks built)
#   scripts/package.sh extension [OUT]      the extension's .zip alone (the extension's test)
#
# Needs cargo-deb (installed with cargo when missing) and zip (apt-get, when root).
set -euo pipefail
cd "$(dirname "$0")/.."

only_extension=false
build=true
out=""
for arg in "$@"; do
  case "$arg" in
    extension) only_extension=true ;;
    --no-build) build=false ;;
    -*) echo "package.sh: unknown option $arg" >&2; exit 2 ;;
    *) out="$arg" ;;
  esac
done
target="${CARGO_TARGET_DIR:-target}"
out="$(realpath -m "${out:-$target/package}")"
mkdir -p "$out"
version="$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)"

need() { # a program, and the Debian package that has it
  command -v "$1" >/dev/null && return
  if [ "$(id -u)" = 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null ||
      { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null; }
  else
    echo "package.sh: $1 is missing: apt-get install $2" >&2
    exit 1
  fi
}

# The extension as a store would take it: this flowdeck's version, no code from elsewhere.
pack_extension() {
  need zip zip
  if ! grep -q "\"version\": \"$version\"" extension/manifest.json; then
    echo "package.sh: extension/manifest.json does not say version $version (Cargo.toml's)" >&2
    exit 1
  fi
  if grep -rnE 'src="https?:|href="https?:|importScripts|eval\(|new Function|content_security_policy' \
    extension; then
    echo "package.sh: the extension must not load or run code from elsewhere (above)" >&2
    exit 1
  fi
  local zip="$out/flowdeck-extension-$version.zip"
  rm -f "$zip"
  # Files at the top of the zip (manifest.json first), in a fixed order, without timestamps'
  # extra fields: unzipped, the folder is what Load unpacked takes.
  (cd extension && zip -q -X -r "$zip" manifest.json $(ls | grep -vx manifest.json | sort))
  unzip -l "$zip"
}

if $only_extension; then
  pack_extension
  exit 0
fi

if $build; then
  cargo build --release --locked
fi
program="$target/release/flowdeck"
if [ ! -x "$program" ]; then
  echo "package.sh: no $program: build it (cargo build --release) or leave out --no-build" >&2
  exit 1
fi

# The .deb: Cargo.toml's [package.metadata.deb] says what goes where.
if ! command -v cargo-deb >/dev/null; then
  cargo install cargo-deb --locked --version "^3"
fi
rm -f "$out"/flowdeck_*.deb
cargo deb --no-build --output "$out/"
deb="$(ls "$out"/flowdeck_*.deb)"
dpkg-deb --info "$deb" | sed -n '/Package:/,$p'
dpkg-deb --contents "$deb"

# The portable archive: the extension beside the program, where flowdeck looks for it.
name="flowdeck-$version-linux-$(uname -m)"
stage="$(mktemp -d)"
mkdir "$stage/$name"
install -m 755 "$program" "$stage/$name/flowdeck"
strip "$stage/$name/flowdeck" 2>/dev/null || true
cp -r extension "$stage/$name/extension"
cp README.md LICENSE "$stage/$name/"
tar -C "$stage" --owner=0 --group=0 --sort=name -czf "$out/$name.tar.gz" "$name"
rm -rf "$stage"
tar -tvzf "$out/$name.tar.gz"
# Unpacked somewhere else, it runs and finds the extension beside it.
check="$(mktemp -d)"
tar -C "$check" -xzf "$out/$name.tar.gz"
"$check/$name/flowdeck" --version
FLOWDECK_LANG=en "$check/$name/flowdeck" --help | grep -qF "extension $check/$name/extension" || {
  echo "package.sh: the unpacked archive's flowdeck does not name its extension folder" >&2
  exit 1
}
rm -rf "$check"

pack_extension
(cd "$out" && sha256sum ./*.deb ./*.tar.gz ./*.zip | tee SHA256SUMS)
