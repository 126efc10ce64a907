# Triage on demand: bad inputs are reported and skipped, unreproducible
# libFuzzer artifacts are kept (marked unreliable), the store remembers
# findings across runs, and promote/regress close the loop.
. "$(dirname "$0")/lib.sh"
regressions="$DUET_SOURCE_DIR/corpora/zlib.inflate/regressions"
reports="$scratch/reports"

# A libFuzzer "crash" artifact that does not reproduce in isolation, an
# empty file and a missing one.
mkdir -p "$scratch/in"
cp "$regressions/trailer-truncated.zz" "$scratch/in/crash-0001"
: > "$scratch/in/empty"
expect_exit 2 "a missing input fails the triage but not the others" -- \
  "$DUET" triage --target zlib.inflate --reports "$reports" --minimize-time 0 \
  "$scratch/in/crash-0001" "$scratch/in/empty" "$scratch/in/missing"
expect_text "$scratch/out" "skipped .*missing: cannot read: No such file" "missing input named"
expect_text "$scratch/out" "3 input\(s\), 1 distinct finding" "the other inputs were triaged"
expect_text "$scratch/out" "new +crash .*not-reproduced" "unreproducible artifact kept as a finding"
expect_text "$scratch/out" "reproduced 0/3 UNRELIABLE" "marked unreliable, never dropped"
sig=$(sed -n 's/^  \([0-9a-f]\{16\}\) .*/\1/p' "$scratch/out" | head -1)
checks=$((checks + 1))
[ -f "$reports/findings/zlib.inflate/$sig/finding.json" ] && [ -f "$reports/findings/zlib.inflate/$sig/input" ] ||
  { failures=$((failures + 1)); echo "FAIL: finding $sig not stored"; }
first_seen=$(grep -o '"first_seen":[^,]*' "$reports/findings/zlib.inflate/$sig/finding.json")

# The same input again: same signature, now seen before, first-seen kept.
expect_exit 0 "second triage" -- "$DUET" triage --target zlib.inflate --reports "$reports" --minimize-time 0 "$scratch/in/crash-0001"
expect_text "$scratch/out" "^  $sig seen-before" "same signature on a second run, seen before"
expect_text "$reports/findings/zlib.inflate/$sig/finding.json" "$first_seen" "first-seen date kept"

# JSON output.
expect_exit 0 "json output" -- "$DUET" triage --json --target zlib.inflate --reports "$reports" --minimize-time 0 "$scratch/in/crash-0001"
expect_text "$scratch/out" '"status":[[:space:]]*"seen-before"' "json status"
expect_text "$scratch/out" '"reliable":[[:space:]]*false' "json reliability"

# Files outside a run folder need a target; a run folder needs a report.
expect_exit 2 "no target" -- "$DUET" triage --reports "$reports" "$scratch/in/crash-0001"
expect_text "$scratch/err" "which target\? \(--target T\)" "missing target explained"
mkdir -p "$scratch/not-a-run"
expect_exit 2 "folder without report" -- "$DUET" triage --reports "$reports" "$scratch/not-a-run"
expect_text "$scratch/err" "is not a run folder" "bad run folder explained"

# An artifact of another target's run is refused, and the rest is still triaged.
mkdir -p "$scratch/run/artifacts"
echo '{"target": "zlib.inflate", "status": "complete"}' > "$scratch/run/report.json"
cp "$scratch/in/crash-0001" "$scratch/run/artifacts/crash-0002"
other=$("$DUET" list | grep -v '^ ' | grep -v '^zlib.inflate$' | head -1)
expect_exit 2 "artifact of another target" -- "$DUET" triage --target "$other" --reports "$reports" --minimize-time 0 \
  "$scratch/run/artifacts/crash-0002" "$scratch/in/empty"
expect_text "$scratch/err" "crash-0002 is an artifact of zlib.inflate, not $other: skipped" "foreign artifact named"
expect_text "$scratch/out" "^$other: 1 input" "the other input still triaged"
# A run folder brings its own target and writes triage.json.
expect_exit 0 "triage a run folder" -- "$DUET" triage --reports "$reports" --minimize-time 0 "$scratch/run"
expect_text "$scratch/run/triage.json" '"target":[[:space:]]*"zlib.inflate"' "run folder triaged for its target"

# The run folder holds its findings' inputs and evidence; its repro commands
# are relative to it and work from it.
run_sig=$(jq -r '.findings[0].signature' "$scratch/run/triage.json")
expect_text "$scratch/run/triage.json" "\"repro\":[[:space:]]*\"duet repro zlib.inflate findings/$run_sig/minimized\"" \
  "repro command relative to the run"
expect_text "$scratch/run/triage.json" '"example":[[:space:]]*"artifacts/crash-0002"' "example named relative to the run"
expect_true "the run holds the finding's input and evidence" -- \
  test -f "$scratch/run/findings/$run_sig/minimized" -a -f "$scratch/run/findings/$run_sig/evidence.txt"
expect_true "repro from the run folder" -- \
  bash -c 'cd "$1" && "$2" repro zlib.inflate "findings/$3/minimized" >/dev/null; test $? != 2' _ "$scratch/run" "$DUET" "$run_sig"

# Evidence: the whole sanitizer report of a crash, both outputs of a divergence.
expect_exit 5 "a crash finding" -- "$DUET" triage --target gt.kv --reports "$scratch/ev" --minimize-time 0 \
  --corpora "$scratch/no-corpora" "$DUET_SOURCE_DIR/corpora/gt.kv/regressions/kv-1-no-final-newline.kv"
expect_text "$scratch/out" '^      input: kv/1\\n' "the minimised input's preview"
evidence=$(ls "$scratch"/ev/findings/gt.kv/*/evidence.txt)
expect_text "$evidence" "ERROR: AddressSanitizer: heap-buffer-overflow" "the sanitizer report kept"
expect_text "$evidence" "^WRITE of size 1 at" "with its access"
expect_text "$evidence" "#1 0x[0-9a-f]+ in gt_kv_c " "and its whole stack"
expect_exit 0 "a divergence finding" -- "$DUET" triage --target json.parse --reports "$scratch/ev" --minimize-time 0 \
  "$DUET_SOURCE_DIR/corpora/json.parse/regressions/nul-escape-truncates"
expect_text "$scratch/out" '^      outputs differ at byte [0-9]+ .*: c «.*» rust «.*»' "both outputs around the first difference"
expect_true "each side's output kept" -- test -f "$(ls -d "$scratch"/ev/findings/json.parse/*)/output.rust"

# Divergences shrink too: libFuzzer's minimiser with the driver aborting on
# the finding's signature alone; the stored input keeps the signature.
gif_input="$DUET_SOURCE_DIR/corpora/gif.decode/regressions/4ab299cfdd39e845"
expect_exit 0 "minimise a divergence" -- "$DUET" triage --target gif.decode --reports "$scratch/min" --minimize-time 10 \
  "$gif_input"
expect_text "$scratch/out" "minimized 59 -> [0-9]+ bytes \(libFuzzer -minimize_crash\)" "minimised by libFuzzer"
min_size=$(sed -n 's/.*minimized 59 -> \([0-9]*\) bytes.*/\1/p' "$scratch/out")
expect_true "the divergence shrank (59 -> $min_size bytes)" -- test "${min_size:-59}" -lt 59
"$DUET" repro gif.decode "$scratch/min/findings/gif.decode/4ab299cfdd39e845/minimized" >"$scratch/out" 2>&1
expect_text "$scratch/out" "^signature 4ab299cfdd39e845" "the minimised input keeps the signature"

# A finding stored unminimised (triage cut short) is minimised by a later triage.
"$DUET" triage --target gif.decode --reports "$scratch/min2" --minimize-time 0 "$gif_input" >/dev/null 2>&1
"$DUET" triage --target gif.decode --reports "$scratch/min2" --minimize-time 10 "$gif_input" >/dev/null 2>&1
record="$scratch/min2/findings/gif.decode/4ab299cfdd39e845/finding.json"
expect_true "minimised on the second triage ($(jq -r .minimizer "$record"), $(jq -r .minimized_size "$record") bytes)" -- \
  test "$(jq -r .minimizer "$record")" != none -a "$(jq -r .minimized_size "$record")" -lt 59
expect_value "and the record describes the stored file" "$(jq -r .minimized_size "$record")" \
  "$(stat -c %s "$scratch/min2/findings/gif.decode/4ab299cfdd39e845/minimized")"

# A divergence listed in the pair's known-divergences.json is labelled known
# (with its reason) and does not fail the triage.
b64="$DUET_SOURCE_DIR/corpora/base64.decode/regressions"
expect_exit 0 "known divergence" -- "$DUET" triage --target base64.decode --reports "$reports" --minimize-time 0 "$b64/line-breaks"
expect_text "$scratch/out" "^  [0-9a-f]{16} known +divergence +side rust +only-reference-accepts" "labelled known, not new"
expect_text "$scratch/out" "known: by design: libb64 skips line breaks and other whitespace" "the reason is given"

# The quick pass sorts many inputs in one process per batch, restarts the
# batch past an input that crashes it, and re-runs only 3 inputs of one
# signature in isolation: the others carry their verdict.
esc="$DUET_SOURCE_DIR/corpora/gt.escape/regressions"
mkdir -p "$scratch/many"
for n in 1 2 4 5 6 7; do cp "$esc/esc-3-utf8-text.txt" "$scratch/many/crash-000$n"; done
cp "$esc/esc-1-trailing-backslash.txt" "$scratch/many/crash-0003"
expect_exit 5 "quick pass over a crash" -- "$DUET" triage --target gt.escape --reports "$reports" --corpora "$scratch/none" \
  --minimize-time 0 "$scratch/many"/crash-*
expect_text "$scratch/out" "^gt.escape: 7 input\(s\), 2 distinct finding" "every input sorted"
expect_text "$scratch/out" "^3 input\(s\) sorted by the quick pass only" "3 of the 6 divergent inputs not re-run"
expect_text "$scratch/out" "crash +side c\+rust-unsafe heap-buffer-overflow" "the crash that ended a batch, re-run in isolation"
expect_text "$scratch/out" "^      6 input\(s\), reproduced 3/3" "the divergence counts its 6 inputs"

# A signature the store keeps whole (minimised input, evidence, reliable
# re-runs) is taken from the quick pass on the next triage: no re-run,
# minimisation or evidence again. Without its evidence it is redone.
whole="$scratch/whole"
for pass in first second; do
  expect_exit 5 "$pass triage with minimisation" -- "$DUET" triage --target gt.escape --reports "$whole" \
    --corpora "$scratch/none" --minimize-time 5 "$scratch/many"/crash-*
done
expect_text "$scratch/out" "^6 input\(s\) sorted by the quick pass into findings stored whole before" \
  "the 6 divergent inputs recalled from the store"
expect_text "$scratch/out" "^      6 input\(s\), reproduced 3/3" "with the stored re-runs"
expect_text "$scratch/out" "crash +side c\+rust-unsafe heap-buffer-overflow" "the crash that ended a batch is still re-run"
rm "$whole"/findings/gt.escape/*/evidence.txt
expect_exit 5 "triage after the evidence was lost" -- "$DUET" triage --target gt.escape --reports "$whole" \
  --corpora "$scratch/none" --minimize-time 5 "$scratch/many"/crash-*
expect_true "nothing recalled without evidence" -- sh -c "! grep -q 'stored whole before' '$scratch/out'"
expect_true "evidence collected again" -- test "$(ls "$whole"/findings/gt.escape/*/evidence.txt | wc -l)" -eq 2

# promote refuses a finding that was never reproduced unless --force; it writes
# a regression input whose expectation holds no machine path; replaying it
# shows the finding is gone.
expect_exit 2 "promote an unreproduced finding" -- "$DUET" promote "$sig" --reports "$reports" --corpora "$scratch/corpora"
expect_text "$scratch/err" "not promoted: it was never reproduced in isolation \(--force" "the refusal says why"
expect_exit 0 "promote --force" -- "$DUET" promote "$sig" --force --why "a test's stand-in" --reports "$reports" \
  --corpora "$scratch/corpora"
expect_text "$scratch/corpora/zlib.inflate/regressions/$sig.expect.json" '"why":[[:space:]]*"a test.s stand-in' "--why recorded"
checks=$((checks + 1))
if grep -q "$reports" "$scratch/corpora/zlib.inflate/regressions/$sig.expect.json"; then
  failures=$((failures + 1)); echo "FAIL: the expectation holds a machine path"
fi
expect_text "$scratch/corpora/zlib.inflate/regressions/$sig.expect.json" '"kind":[[:space:]]*"not-reproduced"' "expectation written"
expect_exit 0 "regress reports a vanished finding as fixed" -- "$DUET" regress zlib.inflate --corpora "$scratch/corpora"
expect_text "$scratch/out" "^FIXED .*$sig" "FIXED named"
# Once promoted, the finding is known to triage: its signature is in a
# committed regression's expectation.
expect_exit 0 "a promoted finding is known" -- "$DUET" triage --target zlib.inflate --reports "$reports" \
  --corpora "$scratch/corpora" --minimize-time 0 "$scratch/in/crash-0001"
expect_text "$scratch/out" "^  $sig known" "labelled known after promote"
expect_text "$scratch/out" "known: regression $sig: " "the regression is named"
# A regression whose signature drifted fails: triage would call it new again.
mkdir -p "$scratch/corpora/base64.decode/regressions"
cp "$b64/line-breaks" "$scratch/corpora/base64.decode/regressions/"
sed 's/"signature": *"[0-9a-f]*"/"signature": "0000000000000000"/' "$b64/line-breaks.expect.json" \
  > "$scratch/corpora/base64.decode/regressions/line-breaks.expect.json"
expect_exit 1 "a drifted signature fails regress" -- "$DUET" regress base64.decode --corpora "$scratch/corpora"
expect_text "$scratch/out" "^CHANGED .*line-breaks: same classification, but signature [0-9a-f]{16}, recorded 0000000000000000" "drift explained"
expect_exit 2 "promote unknown signature" -- "$DUET" promote 0123456789abcdef --reports "$reports" --corpora "$scratch/corpora"
expect_text "$scratch/err" "no stored finding 0123456789abcdef" "unknown signature explained"
expect_exit 2 "promote garbage" -- "$DUET" promote not-a-sig --reports "$reports"

finish
