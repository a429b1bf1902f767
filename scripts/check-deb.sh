#!/usr/bin/env bash
# Installs a flowdeck .deb as a person would, runs the installed program (its version, its
# help, the demo batch built into it, from an empty home folder with no assets/ anywhere),
# then removes it and checks that nothing of it is left in the system's folders. Needs root.
#
#   scripts/check-deb.sh target/package/flowdeck_<version>-1_<arch>.deb
set -euo pipefail
deb="$(realpath "$1")"
cd "$(dirname "$0")/.."
export DEBIAN_FRONTEND=noninteractive
if dpkg -s flowdeck >/dev/null 2>&1; then
  echo "check-deb.sh: flowdeck is installed already; remove it first" >&2
  exit 1
fi
# Every path the package puts on the system.
mapfile -t files < <(dpkg-deb --fsys-tarfile "$deb" | tar -t | sed 's|^\./|/|; s|/$||' | grep -v '^$')

apt-get install -y -qq "$deb" >/dev/null ||
  { apt-get update -qq && apt-get install -y -qq "$deb" >/dev/null; }

home="$(mktemp -d)"
as_a_person() { (cd "$home" && env -i PATH=/usr/bin:/bin HOME="$home" LANG=C.UTF-8 "$@"); }
fail() { echo "check-deb.sh: $*" >&2; exit 1; }

[ "$(command -v flowdeck)" = /usr/bin/flowdeck ] || fail "flowdeck is not /usr/bin/flowdeck"
version="$(as_a_person flowdeck --version)"
echo "$version"
want="$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)"
[[ "$version" == "flowdeck $want ("* ]] || fail "--version does not say $want"
if commit="$(git rev-parse --short=12 HEAD 2>/dev/null)"; then
  [[ "$version" == *"($commit)" ]] || fail "--version does not name commit $commit"
fi
help="$(as_a_person flowdeck --help)"
grep -q "extension /usr/share/flowdeck/extension" <<<"$help" ||
  fail "--help does not name the installed extension: $help"
[ -f /usr/share/flowdeck/extension/manifest.json ] || fail "no extension installed"
[ -f /usr/share/applications/flowdeck.desktop ] || fail "no desktop entry"
if command -v desktop-file-validate >/dev/null; then
  desktop-file-validate /usr/share/applications/flowdeck.desktop || fail "the desktop entry is not valid"
fi
[ -f /usr/share/icons/hicolor/48x48/apps/flowdeck.png ] || fail "no icon"

# The demo from the sample built in: its one #unsafe prompt is refused on purpose (exit 1).
set +e
said="$(as_a_person flowdeck run --demo --out "$home/videos" --copies 1 2>&1)"
code=$?
set -e
tail -n 3 <<<"$said"
[ "$code" = 1 ] || fail "the demo ended with $code, not 1 (one refusal): $said"
grep -q "11 of 12 videos on disk" <<<"$said" || fail "the demo did not make its videos"
[ "$(find "$home/videos" -name '*.mp4' | wc -l)" = 11 ] || fail "not 11 videos on disk"

apt-get remove -y -qq flowdeck >/dev/null
if dpkg -s flowdeck 2>/dev/null | grep -q '^Status: install'; then
  fail "flowdeck is still installed"
fi
left=()
for f in "${files[@]}"; do
  if [ -e "$f" ] && [ ! -d "$f" ]; then left+=("$f"); fi
done
for d in /usr/share/flowdeck /usr/share/doc/flowdeck; do
  if [ -e "$d" ]; then left+=("$d"); fi
done
((${#left[@]} == 0)) || fail "left behind after apt-get remove: ${left[*]}"
rm -rf "$home"
echo "check-deb.sh: installed, ran, removed; nothing left"
