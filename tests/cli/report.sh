# duet report: verdicts by the evidence rules, each citing what it rests on;
# unfinished runs, unreliable findings and planted bugs never counted; a
# schema-valid report.json; a folder that reproduces its findings alone;
# bad arguments refused.
. "$(dirname "$0")/lib.sh"
reports="$scratch/reports"
json_regressions="$DUET_SOURCE_DIR/corpora/json.parse/regressions"
schema="$DUET_SOURCE_DIR/reports/schema/comparison.schema.json"
validate="$DUET_SOURCE_DIR/tests/report/validate_schema.py"
py=/usr/bin/python3 # python3-jsonschema, installed by scripts/install-deps

# A real divergence of json.parse, triaged into the store.
json_sig=$(ls "$json_regressions" | grep -v '\.' | head -1)
expect_exit 0 "triage a known json divergence" -- \
  "$DUET" triage --target json.parse --reports "$reports" --minimize-time 0 "$json_regressions/$json_sig"
store="$reports/findings"
[ -d "$store/json.parse/$json_sig" ] || { echo "FAIL: $json_sig not stored"; exit 1; }

# finding SRC TARGET SIGNATURE JQ: a stored finding made from the real one.
finding() {
  mkdir -p "$store/$2/$3"
  cp "$store/json.parse/$1"/* "$store/$2/$3/"
  jq "$4 | .signature = \"$3\" | .target = \"$2\"" "$store/json.parse/$1/finding.json" > "$store/$2/$3/finding.json"
}
finding "$json_sig" zlib.inflate aaaaaaaaaaaaaaaa '.class = "crash" | .kind = "heap-buffer-overflow" | .side = "c" | .frames = ["inflate_fast inffast.c:1"]'
finding "$json_sig" zlib.inflate bbbbbbbbbbbbbbbb '.class = "crash" | .kind = "heap-buffer-overflow" | .side = "rust" | .reliable = false | .reproduced = 1'
finding "$json_sig" gt.kv cccccccccccccccc '.class = "crash" | .kind = "heap-buffer-overflow" | .side = "rust"'
finding "$json_sig" json.parse dddddddddddddddd '.detail = "a|b <b>x</b> \n::error::y"'
finding "$json_sig" json.parse eeeeeeeeeeeeeeee '.detail = "in the wrong folder"'
# A program pair's findings: the map per program reads the feature's first word.
finding "$json_sig" coreutils 1111111111111111 '.feature = "sort -k: stdout"'
finding "$json_sig" coreutils 2222222222222222 '.feature = "sort non-UTF-8 argument: exit status"'
finding "$json_sig" coreutils 3333333333333333 '.feature = "uniq -c: exit status" | .class = "crash" | .side = "c" | .kind = "pointer-overflow"'
finding "$json_sig" coreutils 4444444444444444 '.feature = "sort -n: stdout" | .reliable = false | .reproduced = 1'
finding "$json_sig" coreutils 5555555555555555 '.feature = "src/uu/uniq/src/uniq.rs:272:13" | .detail = "uniq panicked at src/uu/uniq/src/uniq.rs:272:13" | .class = "panic" | .kind = "panic"'
jq '.signature = "ffffffffffffffff"' "$store/json.parse/eeeeeeeeeeeeeeee/finding.json" > "$scratch/f" && mv "$scratch/f" "$store/json.parse/eeeeeeeeeeeeeeee/finding.json"

# Runs: zlib above the thresholds, json below them, base64 met a known divergence.
run_report() { # RUN STATUS EXECUTIONS FUZZ_SECONDS
  mkdir -p "$reports/$1/signatures"
  printf '{"schema_version": 1, "run_id": "%s", "target": "%s", "status": "%s", "started_at": "2026-01-01T00:00:00Z", "campaign": {"executions": %s, "fuzz_seconds": %s, "jobs": 1, "coverage": {"cov": 9}}, "sides": []}\n' \
    "$1" "${1%%-2026*}" "$2" "$3" "$4" > "$reports/$1/report.json"
}
run_report zlib.inflate-20260101T000000Z-1 complete 500000 120
printf '#1000: cov: 10 ft: 10 corp: 1 exec/s 10 oom/timeout/crash: 0/0/0 time: 1s job: 1 dft_time: 0\n#500000: cov: 42 ft: 50 corp: 9 exec/s 4000 oom/timeout/crash: 0/0/0 time: 120s job: 9 dft_time: 0\n' \
  > "$reports/zlib.inflate-20260101T000000Z-1/fuzz.log"
run_report zlib.inflate-20260102T000000Z-2 interrupted 9999999 999
run_report json.parse-20260101T000000Z-3 complete 1000 5
run_report base64.decode-20260101T000000Z-4 complete 200000 100
b64_sig=$(jq -r 'select(.class == "divergence") | .signature' "$DUET_SOURCE_DIR"/corpora/base64.decode/regressions/*.expect.json | head -1)
: > "$reports/base64.decode-20260101T000000Z-4/signatures/$b64_sig.known"
mkdir -p "$reports/zlib.inflate-20260103T000000Z-5" && echo 'not json' > "$reports/zlib.inflate-20260103T000000Z-5/report.json"
# A complete run of the unpatched build (duet validate --cves): never counted.
run_report zlib.inflate-20260104T000000Z-6 complete 9999999 999
jq '.warnings = ["THE C SIDE IS AN UNPATCHED BUILD: its library lacks the CVE patches its pair'"'"'s cves.json lists (duet validate --cves), so this run says nothing of the library as Debian ships it"]' \
  "$reports/zlib.inflate-20260104T000000Z-6/report.json" > "$scratch/u" && mv "$scratch/u" "$reports/zlib.inflate-20260104T000000Z-6/report.json"

# Benchmarks: zlib's second class too noisy for a verdict; json faster everywhere.
row() { printf '{"target": "%s", "reference": "c", "candidate": "rust", "class": "%s", "cpu_time_ratio": %s, "ci": [%s, %s], "verdict": "%s", "noisy": %s}' "$@"; }
printf '{"classes": [%s, %s, %s]}\n' "$(row zlib.inflate small 0.8 0.7 0.9 'rust faster' false)" \
  "$(row zlib.inflate large 0.9 0.5 1.4 'rust faster' true)" "$(row json.parse seeds 0.3 0.28 0.32 'rust faster' false)" \
  > "$reports/bench-20260101T000000Z.json.summary.json"
# A ground-truth validation.
mkdir -p "$reports/validate-20260101T000000Z"
printf '{"trials": 2, "seconds_per_campaign": 60, "bugs": [{"id": "KV-1", "component": "gt.kv", "class": "off-by-one-heap-overflow", "sides": [{"side": "c", "contains": true, "expected": "crash", "detected": 2, "attributed": 2, "median_seconds_to_detection": 0.5}, {"side": "rust", "contains": false, "detected": 0}]}]}\n' \
  > "$reports/validate-20260101T000000Z/validate.json"
# A CVE rediscovery (duet validate --cves): one memory-safety CVE found on
# xml.parse, the Rust side rejecting its input; the older one must not be read.
tally() { printf '{"found": %s, "reachable": %s, "rust": {"rejected": %s, "accepted": %s, "panicked": 0, "crashed": 0}}' "$@"; }
mkdir -p "$reports/cves-20260101T000000Z" "$reports/cves-20260102T000000Z"
echo '{"pairs": []}' > "$reports/cves-20260101T000000Z/cves.json"
printf '{"seconds_per_pair": 600, "pairs": [{"pair": "xml.parse", "status": "complete", "tally": {"memory": %s, "behaviour": %s}}], "overall": {"memory": %s, "behaviour": %s}}\n' \
  "$(tally 1 2 1 0)" "$(tally 0 0 0 0)" "$(tally 1 3 1 0)" "$(tally 1 1 0 1)" > "$reports/cves-20260102T000000Z/cves.json"

expect_exit 0 "report" -- "$DUET" report --reports "$reports" --id r1
expect_text "$scratch/out" "^$reports/r1/index.html$" "prints where index.html is"
expect_text "$scratch/err" "skipping .*20260103T000000Z-5/report.json: not readable as JSON" "broken run report named"
expect_text "$scratch/err" "skipping .*20260104T000000Z-6/report.json: a run of the unpatched build" "the unpatched build's run skipped"
expect_text "$scratch/err" "skipping .*eeeeeeeeeeeeeeee/finding.json: its signature is not its folder's name" "misplaced finding named"
r="$reports/r1/report.json"
expect_exit 0 "report.json valid against its schema (python3-jsonschema)" -- "$py" "$validate" "$schema" "$r"
jq '.claims[0].verdict = "probably"' "$r" > "$scratch/bad.json"
expect_exit 1 "the schema check is not vacuous: an unknown verdict fails it" -- "$py" "$validate" "$schema" "$scratch/bad.json"
pair() { jq -r --arg t "$1" ".pairs[] | select(.target == \$t) | $2" "$r"; }
claim() { pair "$1" ".claims[$2].verdict"; }
expect_value "zlib C1: a C memory bug, none in safe Rust, above the thresholds" "$(claim zlib.inflate 0)" supported
expect_value "zlib C1 cites the finding" "$(pair zlib.inflate '.claims[0].signatures | join(",")')" aaaaaaaaaaaaaaaa
expect_value "zlib C1 cites the complete run only" "$(pair zlib.inflate '.claims[0].runs | join(",")')" zlib.inflate-20260101T000000Z-1
expect_value "the interrupted run listed apart" "$(pair zlib.inflate '.unfinished[0].status')" interrupted
expect_value "its executions not counted" "$(pair zlib.inflate '.executions')" 500000
expect_value "the unreliable finding listed, not counted" "$(pair zlib.inflate '.findings[] | select(.signature == "bbbbbbbbbbbbbbbb") | .counted')" false
expect_value "coverage over time from fuzz.log" "$(pair zlib.inflate '.runs[0].coverage_over_time | map(.[2]) | join(",")')" 10,42
expect_value "zlib C3: a noisy class gives no verdict" "$(claim zlib.inflate 2)" inconclusive
expect_text "$r" "spread or machine load above the bounds on 1 of 2" "the noisy class named"
expect_value "json C3 from clean rows" "$(claim json.parse 2)" supported
expect_value "json C1 below the thresholds" "$(pair json.parse '.claims[0].evidence' | grep -c 'the rule needs 100000 executions')" 1
expect_value "json C2 from its reliable divergences" "$(claim json.parse 1)" supported
expect_value "base64 C2 from a known divergence a complete run met" "$(claim base64.decode 1)" supported
expect_value "base64 known divergence listed" "$(pair base64.decode '.known_met[0].signature')" "$b64_sig"
expect_value "C4 never from caught findings" "$(jq -r '[.pairs[].claims[3].verdict] | unique | join(",")' "$r")" "not measured"
expect_value "coreutils mapped per program: divergences, C crashes, unreliable" \
  "$(jq -r '.pairs[] | select(.target == "coreutils") | .programs | map("\(.program) \(.divergences) \(.crashes_c) \(.panics_rust) \(.unreliable)") | join(",")' "$r")" \
  "sort 2 0 0 1,uniq 0 1 1 0"
expect_text "$reports/r1/report.md" '^\| uniq \| 0 \| 1 \| 0 \| 1 \| 0 \| 0 \|' "report.md per-program table"
expect_value "no per-program map for a library pair" "$(jq -r '[.pairs[] | select(.programs)] | length' "$r")" 1
expect_value "no gt.* among the pairs" "$(jq -r '[.pairs[].target | select(startswith("gt."))] | length' "$r")" 0
expect_value "gt.kv's planted bug under ground truth" "$(jq -r '.ground_truth.components[] | select(.target == "gt.kv") | .findings[0].signature' "$r")" cccccccccccccccc
expect_value "ground truth detection per class and side" "$(jq -r '.ground_truth.validate.detection_by_class_and_side[0] | "\(.class) \(.side) \(.detected)/\(.trials)"' "$r")" "off-by-one-heap-overflow c 2/2"
expect_value "real CVEs from the newest validate --cves" "$(jq -r '.real_cves.file' "$r")" cves-20260102T000000Z/cves.json
expect_value "real CVEs overall, memory-safety" "$(jq -r '.real_cves.memory_safety.text' "$r")" \
  "1 of 3 reachable memory-safety CVEs rediscovered in the C library; on those inputs the Rust rewrite: 1 rejected, 0 accepted, 0 panicked, 0 crashed"
expect_value "real CVEs per pair" "$(jq -r '.real_cves.pairs[0] | "\(.pair) \(.memory_safety.found)/\(.memory_safety.reachable)"' "$r")" "xml.parse 1/2"
expect_text "$reports/r1/report.md" '^\| xml\.parse \| complete \| 1 of 2 reachable memory-safety CVEs' "report.md real CVE table"
expect_text "$reports/r1/index.html" 'id="cve-table"' "index.html real CVE table"
expect_value "overall C1: the planted Rust bug is not evidence" "$(jq -r '.claims[0].verdict' "$r")" supported
expect_value "overall C3: pairs disagree" "$(jq -r ".claims[2].verdict" "$r")" inconclusive
expect_text "$reports/r1/report.md" '^\| C1 Rust eliminates memory bugs .*\| \*\*supported\*\* \|' "report.md verdict table"
expect_text "$reports/r1/report.md" 'a\\\|b <b>x</b> \\n::error::y' "a hostile detail stays in its cell"
expect_value "report.md lines a CI reads as commands" "$(grep -c '^::' "$reports/r1/report.md")" 0

# The folder alone reproduces its findings, from the repro command it gives.
repro=$(pair json.parse ".findings[] | select(.signature == \"$json_sig\") | .repro")
expect_value "repro command relative to the report folder" "$repro" "duet repro json.parse findings/json.parse/$json_sig/minimized"
mv "$reports/findings" "$scratch/store-moved"
(cd "$reports/r1" && "$DUET" repro json.parse "findings/json.parse/$json_sig/minimized" > "$scratch/repro.out" 2>&1)
expect_value "the copied finding reproduces as a divergence" "$?" 3
mv "$scratch/store-moved" "$reports/findings"

# Bad arguments: exit 2, nothing written.
expect_exit 2 "an --id with a slash" -- "$DUET" report --reports "$reports" --id ../x
expect_text "$scratch/err" "--id wants a plain folder name" "the bad id explained"
expect_exit 2 "a hidden --id" -- "$DUET" report --reports "$reports" --id .x
expect_exit 2 "an argument" -- "$DUET" report extra --reports "$reports"
expect_exit 2 "a missing reports folder" -- "$DUET" report --reports "$scratch/missing"
: > "$scratch/file"
expect_exit 2 "a reports folder under a file" -- "$DUET" report --reports "$scratch/file/x"
expect_value "nothing written outside" "$(ls "$scratch" | grep -c '^x$')" 0
finish
