#!/usr/bin/env bash
# cves.replay: every rediscovered CVE's committed input (corpora/<pair>/cves/<CVE>,
# written by `duet validate --cves --promote`) replays on the C side of both builds
# as its <CVE>.expect.json says: on the unpatched build the CVE's answer (a crash
# with a frame in a function its patch changes, or a behavioural CVE's status), on
# the patched build the fixed answer and never a crash. A security fix that
# regresses turns the patched side into the unpatched answer, and this fails.
# Usage: replay.sh SOURCE_DIR PATCHED_DUET UNPATCHED_DUET
# Exit 77 (skipped) when the unpatched build is missing: build it with
#   cmake --preset unpatched && cmake --build --preset unpatched
set -uo pipefail
src=$1 patched=$2 unpatched=$3
if [ ! -x "$unpatched" ]; then
  echo "SKIP: no unpatched build at $unpatched (cmake --preset unpatched && cmake --build --preset unpatched)"
  exit 77
fi
passed=0 failed=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# STATUS of the C side alone on FILE, by DUET; a crash's report in $tmp/stderr.
c_status() {
  local out
  out=$(UBSAN_OPTIONS="print_stacktrace=1:${UBSAN_OPTIONS:-}" timeout 60 "$1" exec "$2" "$3" --side c 2> "$tmp/stderr")
  local rc=$?
  # UBSan recovers (the process goes on and answers): its report is the crash.
  if grep -qE 'runtime error:|ERROR: AddressSanitizer' "$tmp/stderr"; then
    echo crash
  elif [ $rc = 0 ] && grep -q '^DUET-RESULT ' <<< "$out"; then
    sed -n 's/^DUET-RESULT //p' <<< "$out" | jq -r '.sides[0].status'
  else
    echo crash
  fi
}

check() { # LABEL GOT WANT
  if [ "$2" = "$3" ]; then
    echo "PASS    $1: $2"
    passed=$((passed + 1))
  else
    echo "FAIL    $1: got $2, expected $3"
    failed=$((failed + 1))
  fi
}

count=0
for expect in "$src"/corpora/*/cves/*.expect.json; do
  [ -f "$expect" ] || continue
  count=$((count + 1))
  input=${expect%.expect.json}
  pair=$(basename "$(dirname "$(dirname "$input")")")
  cve=$(jq -r .cve "$expect")
  if ! "$unpatched" list | grep -qxF "$pair"; then # a build of some pairs (DUET_ONLY_TARGETS)
    echo "SKIP    $pair $cve: not in this unpatched build"
    continue
  fi
  got=$(c_status "$unpatched" "$pair" "$input")
  check "$pair $cve unpatched" "$got" "$(jq -r .unpatched.status "$expect")"
  if [ "$got" = crash ] && jq -e '.unpatched.functions' "$expect" >/dev/null; then
    frames=$(grep -oE '#[0-9]+ 0x[0-9a-f]+ in [A-Za-z_][A-Za-z0-9_]*' "$tmp/stderr" | head -3 | awk '{print $4}')
    hit=no
    for fn in $(jq -r '.unpatched.functions[]' "$expect"); do grep -qxF "$fn" <<< "$frames" && hit=yes; done
    check "$pair $cve unpatched frames in the patched functions" "$hit" yes
  fi
  got=$(c_status "$patched" "$pair" "$input")
  check "$pair $cve patched" "$got" "$(jq -r .patched.status "$expect")"
done
[ $count -gt 0 ] || echo "no committed CVE input (corpora/*/cves/): nothing to replay"
echo "$passed passed, $failed failed"
[ $failed = 0 ]
