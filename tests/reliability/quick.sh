# Hostile paths, symlinks, full and read-only disks, concurrent runs, bad
# input and kills: nothing executes, nothing escapes, nothing is lost.
# Quick mode (ctest); kills.sh N is the long mode, run by hand.
. "$(dirname "$0")/lib.sh"
cd "$scratch" || exit 1
kv1=$src/corpora/gt.kv/regressions/kv-1-no-final-newline.kv

# One line on stderr, no escape byte, no line a CI system reads as a command.
expect_clean_stderr() {
  checks=$((checks + 1))
  if grep -q $'\e' "$scratch/err" || grep -q '^::' "$scratch/err" || [ "$(grep -c . "$scratch/err")" -gt 3 ]; then
    failures=$((failures + 1)); echo "FAIL: $1: stderr not clean:"; cat -v "$scratch/err" | head -5
  fi
}

## 1. Hostile paths: nothing runs, spaces work, the campaign really fuzzes.
"$DUET" fuzz gt.kv --time 8 --minimize-time 1 --reports 'r/rep $(touch pwned) x' --corpus 'c o$(touch pwned2)`touch pwned3`' \
  >out 2>err
run=$(run_dir_of 'r/rep $(touch pwned) x')
expect_value "files created by a path" "$(find "$scratch" -name 'pwned*' | wc -l)" 0
expect_true "a campaign under a path with spaces executes inputs" -- test "$(json_field "$run/report.json" .campaign.executions)" -gt 1000
expect_value "its status" "$(json_field "$run/report.json" '.status == "complete" or .status == "partial"')" true
mkdir -p "with space/bin"
cp "$DUET" "$(dirname "$DUET")/duet-fuzz-gt.kv" "with space/bin/"
"with space/bin/duet" fuzz gt.kv --time 6 --minimize-time 0 --reports "with space/r" --corpus "with space/c" >out 2>err
expect_true "binaries under a path with spaces fuzz" -- \
  test "$(json_field "$(run_dir_of "with space/r")/report.json" .campaign.executions)" -gt 1000

## 2. Symbolic links never lead writes or reads out of the store.
mkdir -p outside traps/findings
ln -s ../../outside traps/findings/gt.kv
expect_exit 2 "fuzz with a findings store that is a link" -- "$DUET" fuzz gt.kv --time 5 --reports traps --corpus c-traps
expect_text err "findings store .*symbolic link" "the link is named as the reason"
expect_value "run folders made before the refusal" "$(ls traps | grep -c gt.kv-)" 0
rm traps/findings/gt.kv
mkdir -p traps/findings/gt.kv
ln -s "$scratch/outside" traps/findings/gt.kv/dfe1403615cc0690
expect_exit 2 "triage into a finding folder that is a link" -- "$DUET" triage "$kv1" --target gt.kv --reports traps
rm traps/findings/gt.kv/dfe1403615cc0690
"$DUET" triage "$kv1" --target gt.kv --reports traps --minimize-time 0 >/dev/null 2>&1
mkdir -p corpora-trap/gt.kv
ln -s "$scratch/outside" corpora-trap/gt.kv/regressions
expect_exit 2 "promote into a regressions folder that is a link" -- \
  "$DUET" promote dfe1403615cc0690 --reports traps --corpora corpora-trap --force
expect_value "files written outside the store" "$(find outside -type f | wc -l)" 0
echo "secret outside the run" > outside-secret
ln -s "$scratch/outside-secret" "$run/artifacts/crash-$(sha1sum <outside-secret | cut -c1-40)"
"$DUET" triage "$run" --reports 'r/rep $(touch pwned) x' >out 2>err
expect_value "an artifact that links out of the run was read" "$(grep -rl 'secret outside' 'r/rep $(touch pwned) x/findings' | wc -l)" 0

## 3. The store agrees with itself after runs, re-runs and concurrent triages.
mkdir -p kv-inputs
for i in 1 2 3 4 5 6; do printf 'kv/1\nname=%s' "$(head -c $((i * 3)) /dev/zero | tr '\0' x)" >kv-inputs/$i; done
"$DUET" triage kv-inputs/1 --target gt.kv --reports store --minimize-time 2 >/dev/null 2>&1
"$DUET" triage kv-inputs/2 --target gt.kv --reports store --minimize-time 2 >/dev/null 2>&1
for i in 3 4 5 6; do "$DUET" triage kv-inputs/$i --target gt.kv --reports store --minimize-time 2 >/dev/null 2>&1 & done
wait
expect_value "inconsistent finding folders" "$(store_broken store)" ""
expect_value "finding folders for one signature" "$(ls store/findings/gt.kv | wc -l)" 1
expect_value "temporary folders left in the store" "$(find store -name '.*tmp*' | wc -l)" 0
"$DUET" triage kv-inputs/5 --target gt.kv --reports store --json >out 2>/dev/null
stored=$(jq -r '.findings[0].store' out)
expect_value "triage.json's sizes are the stored files'" "$(jq -r '.findings[0] | "\(.input_size) \(.minimized_size)"' out)" \
  "$(stat -c %s "$stored/input") $(stat -c %s "$stored/minimized")"

## 4. One campaign per corpus; a killed holder leaves no stale lock.
setsid "$DUET" fuzz gt.kv --time 30 --reports locks --corpus lock-corpus >/dev/null 2>lock.err &
holder=$!
wait_for lock.err "fuzzing gt.kv" 10
expect_exit 2 "a second campaign on the same corpus" -- "$DUET" fuzz gt.kv --time 5 --reports locks --corpus lock-corpus
expect_text err "in use by another campaign \(duet pid $holder\)" "the holder is named"
kill -KILL "$holder"
wait "$holder" 2>/dev/null
sleep 1
"$DUET" fuzz gt.kv --time 4 --triage-time 2 --minimize-time 0 --reports locks --corpus lock-corpus >out 2>err
after=$?
expect_true "a campaign after the holder was killed runs (exit $after)" -- test "$after" != 2
expect_value "processes left by the killed holder" "$(survivors "$(run_dir_of locks)" "$holder")" ""

## 5. Full and read-only disks (tmpfs; needs root).
if [ "$(id -u)" = 0 ] && mkdir -p small full ro && mount -t tmpfs -o size=600k tmpfs small 2>/dev/null; then
  mount -t tmpfs -o size=1100k tmpfs full && mount -t tmpfs -o ro,size=1m tmpfs ro
  trap 'umount "$scratch/small" "$scratch/full" "$scratch/ro" 2>/dev/null; rm -rf "$scratch"' EXIT
  expect_exit 2 "fuzz with less room than the write check" -- "$DUET" fuzz gt.kv --time 5 --reports small --corpus small/c
  expect_text err "No space left on device" "a full disk named"
  expect_exit 2 "fuzz into a read-only folder" -- "$DUET" fuzz gt.kv --time 5 --reports ro --corpus c-ro
  expect_text err "Read-only file system" "a read-only disk named"
  expect_exit 2 "triage into a read-only folder" -- "$DUET" triage "$kv1" --target gt.kv --reports ro
  expect_exit 2 "report of a read-only folder" -- "$DUET" report --reports ro
  # Room for the check and the report, not for the corpus: the disk fills mid-run.
  expect_exit 70 "a disk that fills up during the run" -- \
    "$DUET" fuzz gt.kv --time 20 --minimize-time 1 --reports full/r --corpus full/c
  full_run=$(run_dir_of full/r)
  expect_value "its report" "$(json_field "$full_run/report.json" .status)" failed
  expect_text err "gt.kv: failed: .*(filled up|No space left)" "the failure is on stderr"
  expect_value "empty or damaged artifacts triaged as findings" \
    "$(jq '[.findings[]? | select(.input_size == 0)] | length' "$full_run/report.json")" 0
  expect_value "inconsistent finding folders on a full disk" "$(store_broken full/r)" ""
else
  echo "note: not root or no tmpfs: full and read-only disks not tried"
fi
mkdir -p damaged && : >damaged/crash-75a4c31493bcdb0c1e9329a85d776225a1e57b07
expect_exit 2 "a 0-byte crash artifact" -- "$DUET" triage damaged/crash-75a4c31493bcdb0c1e9329a85d776225a1e57b07 \
  --target gt.kv --reports damaged/r
cat out err >damaged/said
expect_text damaged/said "damaged: 0 byte" "a 0-byte artifact is damaged, not a crash"
# In a run folder, an empty artifact is what a crash between two inputs or a
# kill leaves: listed as skipped, not a bad input (exit 2) of `duet triage RUN`.
: >"$run/artifacts/crash-da39a3ee5e6b4b0d3255bfef95601890afd80709"
"$DUET" triage "$run" --reports 'r/rep $(touch pwned) x' --minimize-time 0 >damaged/run.out 2>&1
t=$?
expect_true "triage of a run with an empty artifact: not exit 2 or 70 (got $t)" -- test "$t" != 2 -a "$t" != 70
expect_text damaged/run.out "skipped .*crash-da39a3ee.*damaged: an empty crash artifact" "the empty artifact listed as skipped"

## 6. Readers check what they read.
mkdir -p sum/findings/json.parse/0123456789abcdef
report() { # NAME JSON
  mkdir -p "sum/$1" && echo "$2" >"sum/$1/report.json"
}
base='"run_id": "a", "target": "json.parse", "started_at": "2026-01-01T00:00:00Z", "sides": []'
report json.parse-1 "{\"schema_version\": 1, $base, \"status\": \"complete\", \"campaign\": {}}"
report json.parse-2 "{\"schema_version\": 1, $base, \"status\": \"complete\", \"campaign\": {\"executions\": 1e300}}"
report json.parse-3 "{\"schema_version\": 99, $base, \"status\": \"complete\", \"campaign\": {\"executions\": 5}}"
report json.parse-4 "{\"schema_version\": 1, $base, \"status\": \"running\", \"campaign\": {\"executions\": 0}}"
report json.parse-5 "{\"schema_version\": 1, $base, \"status\": \"complete\", \"campaign\": {\"executions\": \"many\"}}"
report json.parse-6 "{\"schema_version\": 1, $base, \"status\": \"complete\", \"campaign\": {\"executions\": 10}}"
printf '{"class": "crash", "signature": "0123456789abcdef", "side": "c", "kind": "x", "detail": "a|b\\n::error::y\\u001b[31m", "reproduced": 3, "reruns": 3}' \
  >sum/findings/json.parse/0123456789abcdef/finding.json
expect_exit 0 "report over bad reports" -- "$DUET" report --reports sum --id out
expect_value "reports skipped with a warning" "$(grep -c 'warning: skipping sum/json.parse-[1235]/' err)" 4
expect_text err "schema_version unknown" "an unknown schema named"
expect_text sum/out/report.md '^\| json.parse \| 1 \| 1 \| 10 \| 0 \| 1 \|' "only the complete run counted, the running one apart"
expect_text sum/out/report.md '^\| json.parse-4 \| running \|' "the unfinished run listed"
expect_value "report.md lines a CI reads as commands or escapes" "$(grep -c $'^::\|\e' sum/out/report.md)" 0
expect_text sum/out/report.md 'a\\\|b\\n::error::y\\x1b\[31m' "the hostile detail stays in its cell"
expect_exit 2 "report of a missing folder" -- "$DUET" report --reports sum/missing
expect_value "the missing folder created" "$(test -e sum/missing && echo yes)" ""

## 7. Terminal hygiene and FIFOs.
hostile=$'x\n::error::y\e[31m'
expect_exit 2 "repro of a hostile path" -- "$DUET" repro json.parse "$hostile"
expect_clean_stderr "repro of a hostile path"
expect_exit 2 "a hostile target name" -- "$DUET" fuzz "$hostile"
expect_clean_stderr "a hostile target name"
printf 'x' >"$hostile"
expect_exit 2 "triage of a hostile file name" -- "$DUET" triage "$hostile" "$hostile-missing" --target json.parse --reports h
expect_value "lines a CI reads as commands" "$(cat out err | grep -c $'^::\|\e')" 0
mkfifo fifo
expect_exit 2 "repro of a FIFO (never waits)" -- timeout 10 "$DUET" repro json.parse fifo
expect_text err "not a regular file" "a FIFO is named as such"
expect_exit 2 "triage of a FIFO" -- timeout 10 "$DUET" triage fifo --target json.parse --reports h
expect_exit 2 "a FIFO as the corpus" -- timeout 10 "$DUET" fuzz json.parse --time 5 --corpus fifo --reports h
expect_exit 2 "a FIFO as the reports folder" -- timeout 10 "$DUET" fuzz json.parse --time 5 --reports fifo

## 8. Bad input: one clear line and exit 2, each.
bad=0
while IFS= read -r line; do
  [ -n "$line" ] || continue
  eval "args=($line)"
  bad=$((bad + 1))
  expect_exit 2 "bad input: $line" -- timeout 20 "$DUET" "${args[@]}"
  expect_clean_stderr "bad input: $line"
done <<'EOF'
nosuchcommand
fuzz
fuzz no.such.target
fuzz json.parse extra.target
fuzz json.parse --time 0
fuzz json.parse --time -5
fuzz json.parse --time 10s
fuzz json.parse --time 99999999999999999999
fuzz json.parse --jobs 0
fuzz json.parse --jobs 100000
fuzz json.parse --triage-time x
fuzz json.parse --minimize-time -1
fuzz json.parse --progress-interval 0
fuzz json.parse --nosuchflag
fuzz json.parse --time 5 --reports h -- -runs=abc
fuzz json.parse --time 5 --reports h -- -artifact_prefix=/tmp/elsewhere/
fuzz json.parse --time 5 --reports h -- not-a-flag
repro json.parse
repro json.parse /nonexistent/input
repro json.parse /
repro no.such.target /etc/hostname
repro json.parse /etc/hostname --timeout 0
triage /nonexistent/input --target json.parse --reports h
triage /etc/hostname
triage /etc/hostname --target json.parse --timeout abc --reports h
promote
promote not-a-signature
promote 0123456789abcdef --reports h
report extra
report --reports /nonexistent/reports
regress no.such.target
regress --timeout 0
validate --trials 0
validate --time x
validate --manifest /nonexistent/manifest.json
unsafe no.such.target
bench --repetitions 0
list extra-argument
EOF
expect_true "at least 30 bad inputs tried ($bad)" -- test "$bad" -ge 30

## 9. Kills at a few points: nothing left running, nothing lost.
for k in "INT 4 40" "TERM 9 12" "KILL 4 40" "GROUP 9 12"; do # the 12 s runs are in triage at 9 s
  set -- $k
  kill_once gt.kv "$1" "$2" kills kill-corpus "$3"
  expect_value "SIG$1 after $2 s" "$kill_problems" ""
done
finish
