#!/usr/bin/env bash
# Startup figures (release build): `flowdeck --help`, and the time from starting
# `flowdeck --demo` to its window being on screen under Xvfb.
#
#   apt-get install -y hyperfine xvfb xdotool && cargo build --release && scripts/startup.sh
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-target/release/flowdeck}
RUNS=${RUNS:-10}

if command -v hyperfine >/dev/null; then
  hyperfine --warmup 3 --runs 50 --style basic "$BIN --help" 2>&1 | grep -E "Time|Range" | sed 's/^/startup: --help /'
else
  echo "startup: hyperfine is not installed; skipping --help"
fi

Xvfb :96 -screen 0 1280x820x24 >/dev/null 2>&1 &
XVFB=$!
trap 'kill $XVFB 2>/dev/null || true' EXIT
sleep 1
total=0
for i in $(seq "$RUNS"); do
  start=$(date +%s%N)
  DISPLAY=:96 ICED_BACKEND=tiny-skia "$BIN" --demo >/dev/null 2>&1 &
  app=$!
  DISPLAY=:96 xdotool search --sync --onlyvisible --name flowdeck >/dev/null
  end=$(date +%s%N)
  ms=$(( (end - start) / 1000000 ))
  total=$(( total + ms ))
  kill "$app"; wait "$app" 2>/dev/null || true
done
echo "startup: window on screen after $(( total / RUNS )) ms on average over $RUNS starts (demo mode, includes starting its simulator)"
