# duet stress (claim C4): planted race TLV-5 (gt.tlv's lazily built hex
# table, C and the literal translation) shows as corruption on exactly those
# two sides, never on the safe rewrite; a stateless pair shows none; bad
# arguments exit 2; Ctrl-C stops it in seconds, leaving the run's record.
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

## A pair with no shared state: nothing.
"$DUET" stress base64.decode --threads 4 --time 5 --reports r >out 2>err
expect_value "base64.decode: exit 0" "$?" 0
expect_value "no corruption" "$(json_field "$(ls r/stress-base64.decode-*/stress.json)" '.findings | length')" 0

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
