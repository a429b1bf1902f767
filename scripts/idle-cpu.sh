#!/usr/bin/env bash
# Idle CPU of the window: starts `flowdeck --demo` under Xvfb, optionally runs one small batch,
# then counts the CPU time the process uses over a quiet period.
#
#   scripts/idle-cpu.sh [seconds]      (needs xvfb and xdotool)
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-target/release/flowdeck}
SECS=${1:-30}
Xvfb :95 -screen 0 1280x820x24 >/dev/null 2>&1 &
XVFB=$!
trap 'kill $APP $XVFB 2>/dev/null || true' EXIT
sleep 1
DISPLAY=:95 ICED_BACKEND=tiny-skia "$BIN" --demo >/dev/null 2>&1 &
APP=$!
export DISPLAY=:95
WIN=$(xdotool search --sync --name flowdeck | head -1)
sleep 3
ticks() { awk '{print $14 + $15}' "/proc/$APP/stat"; }
hz=$(getconf CLK_TCK)
measure() {
  local a b
  a=$(ticks); sleep "$SECS"; b=$(ticks)
  awk -v a="$a" -v b="$b" -v hz="$hz" -v s="$SECS" -v what="$1" \
    'BEGIN { printf "idle-cpu: %-28s %.2f s of CPU in %d s = %.2f%% of one core\n", what, (b-a)/hz, s, 100*(b-a)/hz/s }'
}
measure "after start, nothing queued"
xdotool windowfocus --sync "$WIN"
xdotool mousemove 700 300 click 1
xdotool type --delay 2 "A red fox walking through fresh snow"
xdotool key ctrl+Return
sleep 12
measure "after a batch finished"
