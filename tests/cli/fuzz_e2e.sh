# A short real campaign writes a complete, valid report.json and report.md.
. "$(dirname "$0")/lib.sh"

"$DUET" fuzz zlib.inflate --time 5 --jobs 1 --reports "$scratch/reports" --corpus "$scratch/corpus" \
  >"$scratch/out" 2>"$scratch/err"
status=$?
checks=$((checks + 1))
case $status in
  0|3|4|5|6|7|8) ;; # a finding is a legitimate outcome of a campaign
  *) failures=$((failures + 1)); echo "FAIL: duet fuzz exited $status"; cat "$scratch/err";;
esac
report=$(cat "$scratch/out")
expect_exit 0 "report.json is valid" -- "$CHECK_REPORT" "$report"
expect_text "$report" '"status":[[:space:]]*"complete"' "campaign completed"
expect_text "$report" '"executions":[[:space:]]*[1-9][0-9]*' "libFuzzer ran inputs"
expect_text "$report" '"cov":[[:space:]]*[1-9]' "coverage recorded"
expect_text "$report" '"library":[[:space:]]*"miniz_oxide"' "Rust library recorded"
expect_text "$report" '"build_flags":[[:space:]]*"-O1 -g .*-fsanitize=address,undefined' "C flags recorded"
expect_text "$(dirname "$report")/report.md" '^\| C1 .*\*\*(supported|refuted|inconclusive)\*\*' "claims judged"
# No temporary files next to the report (writes are atomic).
checks=$((checks + 1))
if ls "$(dirname "$report")" | grep -q '\.tmp\.'; then failures=$((failures + 1)); echo "FAIL: temporary file left"; fi
finish
