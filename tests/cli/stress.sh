# duet stress (claim C4): planted race TLV-5 (gt.tlv's lazily built hex
# table, C and the literal translation) shows as corruption on exactly those
# two sides, never on the safe rewrite, stored in the findings store and shown
# again from its input; a stateless pair shows none, and `duet report` draws
# its C4 from that run (not from the ground truth); bad arguments exit 2;
# Ctrl-C stops it in seconds, leaving the run's record.
. "$(dirname "$0")/lib.sh"
cd "$scratch"

expect_exit 2 "no target" -- "$DUET" stress
expect_exit 2 "an unknown target" -- "$DUET" stress no.such
expect_exit 2 "one thread is no stress" -- "$DUET" stress gt.tlv --threads 1
expect_text err "--threads" "the bad flag named"
expect_exit 2 "a missing corpus folder" -- "$DUET" stress gt.tlv --corpus "$scratch/none" --reports rr
expect_exit 2 "an empty corpus" -- bash -c 'mkdir -p empty && "$0" stress gt.tlv --corpus empty --reports rr' "$DUET"
expect_text err "the corpus is empty" "why named"
expect_value "nothing written for bad arguments" "$(ls -d rr 2>/dev/null | wc -l)" 0

## The planted race: corruption in C and in the literal translation only.
"$DUET" stress gt.tlv --threads 8 --time 15 --reports "r with space" >out 2>err
expect_value "exit 9: corruption found" "$?" 9
json=$(ls "r with space"/stress-gt.tlv-*/stress.json)
expect_value "complete" "$(json_field "$json" .status)" complete
expect_value "the sides found: c and rust-unsafe, never the safe rewrite" \
  "$(json_field "$json" '[.findings[].side] | unique | join(",")')" "c,rust-unsafe"
expect_value "every finding is class corruption with its thread count" \
  "$(json_field "$json" '(.findings | length) as $n | [.findings[] | select(.class == "corruption" and .threads == 8)] | length == $n and $n > 0')" true
stored="$(dirname "$json")/corruption/$(json_field "$json" '.findings[0].stored')"
expect_true "the input and both outputs are kept" -- test -s "$stored/input" -a -s "$stored/output.threaded" -a -s "$stored/output.alone"
expect_true "the outputs differ" -- bash -c '! cmp -s "$0/output.threaded" "$0/output.alone"' "$stored"
expect_value "the threaded output holds the half-built table's NULs" "$(tr -cd '\000' <"$stored/output.threaded" | wc -c | tr -d ' ' | grep -c '^[1-9]')" 1

## Stored like triage's findings: one folder per signature, both outputs, the stress facts.
store="r with space/findings/gt.tlv"
expect_value "one stored finding per side at least" \
  "$(for f in "$store"/*/finding.json; do jq -r .side "$f"; done | sort -u | tr '\n' ',')" "c,rust-unsafe,"
first=$(ls -d "$store"/*/ | head -1)
expect_value "stored as class corruption" "$(json_field "$first/finding.json" .class)" corruption
expect_value "kind threaded-output-differs" "$(json_field "$first/finding.json" .kind)" threaded-output-differs
expect_value "finding.json passes the report's check" "$(json_field "$first/finding.json" '.reproduced >= 1 and .reruns >= .reproduced')" true
expect_value "the thread count kept" "$(json_field "$first/finding.json" .stress.threads)" 8
expect_true "both outputs and the evidence kept" -- test -s "$first/output.threaded" -a -s "$first/output.alone" -a -s "$first/input"
expect_text "$first/evidence.txt" "^outputs differ at byte [0-9]+" "evidence.txt shows where the outputs differ"
expect_value "each record names its signature and store status" \
  "$(json_field "$json" '(.findings | length) as $n | [.findings[] | select((.signature | test("^[0-9a-f]{16}$")) and (.status == "new" or .status == "seen-before"))] | length == $n')" true
## Shown again from the stored input alone (--input), seen before this time.
"$DUET" stress gt.tlv --input "$first/input" --threads 8 --time 5 --reports "r with space" >out 2>err
expect_value "--input: exit 9 again" "$?" 9
expect_text out "seen-before" "the store already had it"
expect_exit 2 "--input of a missing file" -- "$DUET" stress gt.tlv --input "$scratch/none" --reports rr
expect_exit 2 "--input with --corpus" -- "$DUET" stress gt.tlv --input "$first/input" --corpus "$store" --reports rr

## A pair with no shared state: nothing.
"$DUET" stress base64.decode --threads 4 --time 5 --reports r >out 2>err
expect_value "base64.decode: exit 0" "$?" 0
expect_value "no corruption" "$(json_field "$(ls r/stress-base64.decode-*/stress.json)" '.findings | length')" 0

## duet report: a real pair's stress run is C4's evidence, ground truth is not.
"$DUET" report --reports r --id rep >out 2>err
expect_value "report: exit 0" "$?" 0
expect_value "base64.decode lists its stress run" "$(json_field r/rep/report.json '[.pairs[] | select(.target == "base64.decode") | .stress[] | select(.counted)] | length')" 1
expect_value "C4 inconclusive on base64.decode: nothing seen, 5 s is thin" \
  "$(json_field r/rep/report.json '.pairs[] | select(.target == "base64.decode") | .claims[] | select(.id == "C4") | .verdict')" inconclusive
expect_text r/rep/report.md "Stress runs \(claim C4" "report.md lists stress runs"
expect_text r/rep/index.html "stress run \(C4\)" "index.html lists stress runs"
"$DUET" report --reports "r with space" --id rep >out 2>err
expect_value "the planted race's findings are listed under ground truth" \
  "$(json_field "r with space/rep/report.json" '[.ground_truth.components[] | select(.target == "gt.tlv") | .findings[] | select(.class == "corruption")] | length > 0')" true
expect_value "and C4 overall is not measured by them" "$(json_field "r with space/rep/report.json" '.claims[] | select(.id == "C4") | .verdict')" "not measured"
expect_true "the report's repro for a corruption is duet stress" -- \
  bash -c "jq -e '[.ground_truth.components[] | .findings[] | select(.class == \"corruption\") | .repro] | all(startswith(\"duet stress gt.tlv --input \"))' '$scratch/r with space/rep/report.json' >/dev/null"

## Ctrl-C: stops within seconds; the record says interrupted; no process left.
"$DUET" stress gt.tlv --time 120 --reports r2 >out2 2>err2 &
pid=$!
wait_for err2 "results in" 30
sleep 3
start=$(date +%s)
kill -INT $pid
wait $pid
expect_value "stopped by SIGINT" "$?" 130
expect_true "within 15 s" -- [ $(($(date +%s) - start)) -le 15 ]
expect_value "the record says interrupted" "$(json_field "$(ls r2/stress-gt.tlv-*/stress.json)" .status)" interrupted
left=""
for p in /proc/[0-9]*; do
  grep -qa "stress" "$p/cmdline" 2>/dev/null && grep -qa -- "--child" "$p/cmdline" 2>/dev/null && left="$left ${p#/proc/}"
done
expect_value "no round left running" "$left" ""
finish
