#!/usr/bin/env bash
# Starts `flowdeck --demo` under Xvfb, runs a small batch, and saves screenshots of every
# screen a person sees, in the light and the dark theme, to docs/screenshots/ (or, for another
# language, docs/screenshots/<code>/), at the README's size (1280×820), and again at the size
# the window opens at on a first start (1240×700, on a 1366×768 screen) in a 1240x700/ folder
# beside them: the screens must work at that size too.
#
#   apt-get install -y xvfb xdotool imagemagick
#   cargo build --release && scripts/screenshots.sh        # English
#   scripts/screenshots.sh vi                               # Vietnamese
#
# The shots in docs/ are of the installed .deb (`scripts/package.sh`, `apt install ./…deb`,
# then `BIN=/usr/bin/flowdeck scripts/screenshots.sh`), so the Accounts screen names the
# extension folder a person has, not this checkout's.
set -euo pipefail
cd "$(dirname "$0")/.."
SHOT_LANG=${1:-en}
BIN=${BIN:-target/release/flowdeck}
if [ "$SHOT_LANG" = en ]; then OUT=${OUT:-docs/screenshots}; else OUT=${OUT:-docs/screenshots/$SHOT_LANG}; fi
# Where "Connect a browser" sits on the first account's row: its label is longer in Vietnamese.
case $SHOT_LANG in vi) PAIR_X=${PAIR_X:-1116} ;; *) PAIR_X=${PAIR_X:-1105} ;; esac
mkdir -p "$OUT"
for tool in Xvfb xdotool import; do
  command -v "$tool" >/dev/null || { echo "needs $tool (apt-get install -y xvfb xdotool imagemagick)"; exit 2; }
done

shoot() { DISPLAY=$1 import -window root "$2"; echo "saved $2"; }

run_theme() {
  local theme=$1 display=$2 size=$3 OUT=$4
  local width=${size%x*} height=${size#*x} screen=$size
  # The size a first start opens at is made for a 1366×768 screen.
  [ "$size" = 1240x700 ] && screen=1366x768
  mkdir -p "$OUT"
  Xvfb "$display" -screen 0 "${screen}x24" >/dev/null 2>&1 &
  local xvfb=$!
  sleep 1
  # A data folder of its own, remembering the window at this size.
  local data
  data=$(mktemp -d)
  echo "{\"width\":$width,\"height\":$height}" > "$data/window.json"
  DISPLAY=$display FLOWDECK_DATA_DIR=$data ICED_BACKEND=tiny-skia "$BIN" --demo --theme "$theme" --lang "$SHOT_LANG" >/dev/null 2>&1 &
  local app=$!
  local win
  win=$(DISPLAY=$display xdotool search --sync --name flowdeck | head -1)
  sleep 2
  export DISPLAY=$display
  xdotool windowfocus --sync "$win"
  xdotool mousemove 700 300 click 1
  for prompt in "A red fox walking through fresh snow" "A lighthouse on a rocky coast at dawn" \
                "Neon-lit street market in the rain at night" "A scene that is #unsafe to make" \
                "Astronaut planting a small tree on the moon"; do
    xdotool type --delay 2 "$prompt"
    xdotool key Return
  done
  xdotool key BackSpace
  sleep 0.5
  shoot "$display" "$OUT/compose-$theme.png"
  xdotool key ctrl+Return
  sleep 2.5
  shoot "$display" "$OUT/queue-generating-$theme.png"
  sleep 7
  shoot "$display" "$OUT/queue-done-$theme.png"
  # A story from a prompt file: scenes that continue earlier ones, and one from a picture.
  local story
  story=$(mktemp -d)
  mkdir -p "$story/pics"
  cp tests/fixtures/images/wide.png "$story/pics/shore.png"
  cat > "$story/story.csv" <<'CSV'
prompt,continue,start_image
A grey wolf crossing a frozen lake,,
The wolf stops and looks back,1,
The wolf runs into the pine forest,2,
A harbour at dawn,,pics/shore.png
Another scene that is #unsafe to make,,
What would have happened next,5,
CSV
  xdotool key ctrl+1
  sleep 0.5
  xdotool key ctrl+o
  sleep 0.5
  xdotool type --delay 2 "$story/story.csv"
  xdotool key Return
  sleep 1.5
  shoot "$display" "$OUT/compose-story-$theme.png"
  xdotool key ctrl+Return
  sleep 30
  shoot "$display" "$OUT/queue-story-$theme.png"
  # The first row's first frame, larger.
  xdotool mousemove "${THUMB_X:-360}" "${THUMB_Y:-218}" click 1
  sleep 1.5
  shoot "$display" "$OUT/preview-$theme.png"
  xdotool key Escape
  rm -rf "$story"
  xdotool key ctrl+3
  sleep 1
  shoot "$display" "$OUT/history-$theme.png"
  xdotool key ctrl+5
  sleep 1
  shoot "$display" "$OUT/settings-$theme.png"
  xdotool key ctrl+4
  sleep 1
  shoot "$display" "$OUT/accounts-$theme.png"
  # "Connect a browser" on the first account: the pairing link and its instructions.
  xdotool mousemove "$PAIR_X" "${PAIR_Y:-194}" click 1
  sleep 1
  shoot "$display" "$OUT/pair-$theme.png"
  xdotool key Escape
  kill "$app" "$xvfb" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$data"
}

for size in ${SIZES:-1280x820 1240x700}; do
  out=$OUT
  [ "$size" = 1280x820 ] || out=$OUT/$size
  run_theme light :93 "$size" "$out"
  run_theme dark :94 "$size" "$out"
done
