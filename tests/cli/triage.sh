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

# promote writes a regression input; replaying it shows the finding is gone.
expect_exit 0 "promote" -- "$DUET" promote "$sig" --reports "$reports" --corpora "$scratch/corpora"
expect_text "$scratch/corpora/zlib.inflate/regressions/$sig.expect.json" '"kind":[[:space:]]*"not-reproduced"' "expectation written"
expect_exit 0 "regress reports a vanished finding as fixed" -- "$DUET" regress zlib.inflate --corpora "$scratch/corpora"
expect_text "$scratch/out" "^FIXED .*$sig" "FIXED named"
expect_exit 2 "promote unknown signature" -- "$DUET" promote 0123456789abcdef --reports "$reports" --corpora "$scratch/corpora"
expect_text "$scratch/err" "no stored finding 0123456789abcdef" "unknown signature explained"
expect_exit 2 "promote garbage" -- "$DUET" promote not-a-sig --reports "$reports"
finish
