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
expect_exit 0 "report.json valid against reports/schema/report.schema.json (python3-jsonschema)" -- \
  /usr/bin/python3 "$DUET_SOURCE_DIR/tests/report/validate_schema.py" "$DUET_SOURCE_DIR/reports/schema/report.schema.json" "$report"
expect_text "$report" '"status":[[:space:]]*"complete"' "campaign completed"
expect_text "$report" '"executions":[[:space:]]*[1-9][0-9]*' "libFuzzer ran inputs"
expect_text "$report" '"cov":[[:space:]]*[1-9]' "coverage recorded"
expect_text "$report" '"library":[[:space:]]*"miniz_oxide"' "Rust library recorded"
expect_text "$report" '"build_flags":[[:space:]]*"-O1 -g .*-fsanitize=address,undefined' "C flags recorded"
expect_text "$(dirname "$report")/report.md" '^\| C1 .*\*\*(supported|refuted|inconclusive)\*\*' "claims judged"
# No temporary files next to the report (writes are atomic).
checks=$((checks + 1))
if ls "$(dirname "$report")" | grep -q '\.tmp\.'; then failures=$((failures + 1)); echo "FAIL: temporary file left"; fi

# Ctrl-C in the middle of a campaign: the report says "interrupted" and is complete JSON.
"$DUET" fuzz zlib.inflate --time 120 --reports "$scratch/reports2" --corpus "$scratch/corpus" \
  >"$scratch/out2" 2>"$scratch/err2" &
pid=$!
for _ in $(seq 100); do
  ls "$scratch"/reports2/*/report.json >/dev/null 2>&1 && break
  sleep 0.1
done
sleep 2
kill -INT $pid
wait $pid
report2=$(ls "$scratch"/reports2/*/report.json)
expect_exit 0 "interrupted report is valid" -- "$CHECK_REPORT" "$report2"
expect_text "$report2" '"status":[[:space:]]*"interrupted"' "campaign marked interrupted"
finish
