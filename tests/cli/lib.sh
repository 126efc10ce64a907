# Helpers for the CLI tests: each check prints what it expected and got.
DUET=$1
CHECK_REPORT=$2
failures=0
checks=0
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

# expect_exit STATUS DESCRIPTION -- COMMAND...
expect_exit() {
  local want=$1 what=$2
  shift 3
  checks=$((checks + 1))
  "$@" >"$scratch/out" 2>"$scratch/err"
  local got=$?
  if [ "$got" != "$want" ]; then
    failures=$((failures + 1))
    echo "FAIL: $what: exit $got, expected $want"
    sed 's/^/  stdout: /' "$scratch/out" | head -20
    sed 's/^/  stderr: /' "$scratch/err" | head -20
  fi
}

# expect_text FILE PATTERN DESCRIPTION
expect_text() {
  checks=$((checks + 1))
  if ! grep -qE -- "$2" "$1"; then
    failures=$((failures + 1))
    echo "FAIL: $3: /$2/ not in:"
    sed 's/^/  /' "$1" | head -20
  fi
}

# Campaign helpers (campaign_loop.sh, tests/reliability/).
json_field() { jq -r "$2" "$1" 2>/dev/null; }

# expect_value DESCRIPTION GOT WANT
expect_value() {
  checks=$((checks + 1))
  if [ "$2" != "$3" ]; then failures=$((failures + 1)); echo "FAIL: $1: got '$2', expected '$3'"; fi
}

# expect_true DESCRIPTION -- COMMAND... (false when it fails, for `|| show more`)
expect_true() {
  local what=$1
  shift 2
  checks=$((checks + 1))
  if ! "$@"; then failures=$((failures + 1)); echo "FAIL: $what"; return 1; fi
}

# Processes that belong to a run: working in its folder (libFuzzer and its
# jobs) or started by the duet with pid $2 (its children).
survivors() {
  local run=$1 duet_pid=$2 found=""
  for p in /proc/[0-9]*; do
    [ "$(readlink "$p/cwd" 2>/dev/null)" = "$run" ] && found="$found ${p#/proc/}"
    { tr '\0' '\n' <"$p/environ"; } 2>/dev/null | grep -qx "DUET_SUPERVISOR_PID=$duet_pid" && found="$found ${p#/proc/}"
  done
  echo "$found" | tr ' ' '\n' | grep -v "^$\|^$duet_pid$" | sort -u | tr '\n' ' '
}

# wait_for FILE PATTERN SECONDS: until FILE matches (false on time-out).
wait_for() {
  for _ in $(seq $(($3 * 10))); do
    grep -qE -- "$2" "$1" 2>/dev/null && return 0
    sleep 0.1
  done
  return 1
}

run_dir_of() { ls -d "$1"/*-*T*Z-* 2>/dev/null | head -1; }

# stop_and_wait SIGNAL PID: sends it, waits; sets $status and $took (seconds).
stop_and_wait() {
  kill -"$1" "$2"
  local start
  start=$(date +%s)
  wait "$2"
  status=$?
  took=$(($(date +%s) - start))
}

finish() {
  echo "$((checks - failures)) passed, $failures failed"
  [ "$failures" = 0 ]
}
