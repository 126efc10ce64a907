# Bad input anywhere: a one-line error, exit status 2, nothing already written lost.
. "$(dirname "$0")/lib.sh"

expect_exit 2 "no command" -- "$DUET"
expect_exit 2 "unknown command" -- "$DUET" frobnicate
expect_text "$scratch/err" "unknown command 'frobnicate'" "unknown command named"
expect_exit 0 "--help" -- "$DUET" --help
for cmd in list fuzz repro regress triage promote report unsafe; do
  expect_exit 0 "$cmd --help" -- "$DUET" $cmd --help
  expect_text "$scratch/out" "^usage: duet $cmd" "$cmd --help prints usage"
done

expect_exit 2 "unknown target" -- "$DUET" repro no.such.target /dev/null
expect_text "$scratch/err" "unknown target 'no.such.target' \(known: .*zlib.inflate" "unknown target lists known ones"
expect_exit 2 "missing file" -- "$DUET" repro zlib.inflate "$scratch/missing"
expect_text "$scratch/err" "cannot read .*missing: No such file" "missing file named"
expect_exit 2 "folder as input" -- "$DUET" repro zlib.inflate "$scratch"
expect_text "$scratch/err" "Is a directory" "folder refused"
expect_exit 2 "repro without file" -- "$DUET" repro zlib.inflate
expect_exit 2 "bad --timeout" -- "$DUET" repro --timeout 0 zlib.inflate /dev/null

expect_exit 2 "bad --time" -- "$DUET" fuzz zlib.inflate --time abc
expect_text "$scratch/err" "--time wants a whole number" "bad --time explained"
expect_exit 2 "negative --jobs" -- "$DUET" fuzz zlib.inflate --jobs -1
expect_exit 2 "stray argument" -- "$DUET" fuzz zlib.inflate extra
expect_exit 2 "fuzz unknown target" -- "$DUET" fuzz nope --time 1

# An unwritable reports folder (a path under a regular file: root can write
# anywhere else) is refused before anything runs, and what was there stays.
mkdir -p "$scratch/reports/old-run"
echo '{"kept": true}' > "$scratch/reports/old-run/report.json"
touch "$scratch/file"
expect_exit 2 "reports under a file" -- "$DUET" fuzz zlib.inflate --time 1 --reports "$scratch/file/reports"
expect_text "$scratch/err" "cannot write reports to .*Not a directory" "unwritable reports explained"
expect_text "$scratch/reports/old-run/report.json" '"kept": true' "earlier report untouched"

# A broken regression expectation is reported, not ignored.
mkdir -p "$scratch/corpora/zlib.inflate/regressions"
printf 'x' > "$scratch/corpora/zlib.inflate/regressions/in"
echo '{"class": "bogus"}' > "$scratch/corpora/zlib.inflate/regressions/in.expect.json"
expect_exit 2 "broken expectation" -- "$DUET" regress zlib.inflate --corpora "$scratch/corpora"
expect_text "$scratch/out" "BROKEN .*not a valid expectation" "broken expectation named"
# A hostile path is echoed escaped: one line, no escape sequence, no CI command.
expect_exit 2 "a path with a newline, a CI command and an escape sequence" -- \
  "$DUET" repro json.parse "$(printf 'x\n::error::y\033[31m')"
checks=$((checks + 1))
if grep -q '^::error::' "$scratch/err" || grep -q "$(printf '\033')" "$scratch/err"; then
  failures=$((failures + 1)); echo "FAIL: the hostile path reached stderr raw:"; cat -v "$scratch/err"
fi
expect_text "$scratch/err" 'x\\n::error::y\\x1b\[31m' "the path shown escaped"
finish
