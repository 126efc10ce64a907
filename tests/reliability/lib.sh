# Shared by quick.sh (ctest) and kills.sh (by hand): a kill at some point of
# a real campaign, and what must hold afterwards.
. "$(dirname "${BASH_SOURCE[0]}")/../cli/lib.sh"
src=${DUET_SOURCE_DIR:?}
DUET=$(realpath "$DUET")

# Every regular file under DIR (temporary dot-files aside) with its SHA-1, sorted.
snapshot() { (cd "$1" 2>/dev/null && find . -type f ! -name '.*' -print0 | xargs -0r sha1sum | sort); }

# Files of snapshot $1 that are gone or changed in snapshot $2: what a kill lost.
lost_files() { comm -23 <(echo "$1") <(echo "$2") | grep -c .; }

# The store is consistent: every finding folder has finding.json, and what
# it says of `input` and `minimized` is true. Prints the broken folders.
store_broken() {
  local dir
  for dir in "$1"/findings/*/*/; do
    [ -d "$dir" ] || continue
    local f=$dir/finding.json
    if ! jq -e . "$f" >/dev/null 2>&1; then echo "$dir (no finding.json)"; continue; fi
    [ "$(jq -r .input_sha1 "$f")" = "$(sha1sum <"$dir/input" | cut -d' ' -f1)" ] || echo "$dir (input_sha1)"
    [ "$(jq -r .input_size "$f")" = "$(stat -c %s "$dir/input")" ] || echo "$dir (input_size)"
    [ "$(jq -r .minimized_size "$f")" = "$(stat -c %s "$dir/minimized")" ] || echo "$dir (minimized_size)"
  done
}

# kill_once TARGET SIGNAL DELAY REPORTS CORPUS [BUDGET]: starts a campaign
# of BUDGET seconds (default 40, half of it triage at most), sends
# SIGNAL (to duet, or KILL to its whole group for "GROUP") after DELAY
# seconds, then checks: it ended within 5 s, no process of it is left, the
# files it had saved are intact, its report parses, and `duet triage RUN`
# finishes what it had. Sets $kill_problems (empty when all held), and
# $kill_missed when the run had ended before the moment drawn.
kill_once() {
  local target=$1 sig=$2 delay=$3 reports=$4 corpus=$5 budget=${6:-40}
  kill_problems=""
  setsid "$DUET" fuzz "$target" --time "$budget" --triage-time $((budget / 2)) --minimize-time 1 --progress-interval 1 --reports "$reports" \
    --corpus "$corpus" >"$scratch/kill.out" 2>"$scratch/kill.err" &
  local pid=$! run=""
  sleep "$delay"
  run=$(ls -td "$reports/$target"-*T*Z-* 2>/dev/null | head -1)
  local before
  before=$( [ -n "$run" ] && snapshot "$run/artifacts")
  local start=$SECONDS
  kill_missed=""
  if ! kill -0 "$pid" 2>/dev/null; then # ended before the moment drawn: no kill to check
    kill_missed=1
    wait "$pid" 2>/dev/null
    return
  fi
  if [ "$sig" = GROUP ]; then kill -KILL -- -"$pid"; else kill -"$sig" "$pid"; fi
  wait "$pid" 2>/dev/null
  local status=$?
  [ $((SECONDS - start)) -le 5 ] || kill_problems+=" took $((SECONDS - start)) s to end;"
  sleep 1
  [ -z "$run" ] && { kill_problems+=" no run folder;"; return; }
  local left
  left=$(survivors "$run" "$pid")
  [ -z "$left" ] || { kill_problems+=" processes left: $left;"; kill -KILL $left 2>/dev/null; }
  local lost
  lost=$(lost_files "$before" "$(snapshot "$run/artifacts")")
  [ "$lost" = 0 ] || kill_problems+=" $lost saved file(s) lost or changed;"
  jq -e .status "$run/report.json" >/dev/null 2>&1 || kill_problems+=" report.json unreadable;"
  case $sig in
    INT) [ "$status" = 130 ] || kill_problems+=" SIGINT gave exit $status;" ;;
    TERM) [ "$status" = 143 ] || kill_problems+=" SIGTERM gave exit $status;" ;;
  esac
  [ "$sig" != INT ] && [ "$sig" != TERM ] || jq -e '.status == "interrupted"' "$run/report.json" >/dev/null ||
    kill_problems+=" status $(jq -r .status "$run/report.json") after SIG$sig;"
  local phase
  phase=$(jq -r .phases.fuzzing "$run/report.json" 2>/dev/null)
  "$DUET" triage "$run" --reports "$reports" --minimize-time 1 >"$scratch/kill.triage" 2>&1
  local t=$?
  [ "$t" != 70 ] && [ "$t" != 2 ] || kill_problems+=" duet triage RUN exit $t: $(grep -m3 duet: "$scratch/kill.triage" | tr '\n' ' ');"
  [ ! -e "$run/.reserve" ] || kill_problems+=" the report's reserve left behind;"
  [ "$phase" != running ] || jq -e '.status == "interrupted"' "$run/report.json" >/dev/null ||
    kill_problems+=" killed while fuzzing, then reported $(jq -r .status "$run/report.json") after duet triage;"
  local broken
  broken=$(store_broken "$reports")
  [ -z "$broken" ] || kill_problems+=" store: $broken;"
  kill_files_saved=$(echo "$before" | grep -c .)
}
