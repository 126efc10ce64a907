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

finish() {
  echo "$((checks - failures)) passed, $failures failed"
  [ "$failures" = 0 ]
}
