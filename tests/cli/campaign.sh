# duet campaign: a fair split of one budget over targets, one combined
# report, the corpus merged; --ci: SARIF (valid for Microsoft's SARIF
# Multitool, located in the library's source) and JUnit, exit status
# non-zero for a new finding and 0 for a known one; Ctrl-C stops it all.
. "$(dirname "$0")/lib.sh"
sarif_tool="$DUET_SOURCE_DIR/third_party/npm/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool"
[ -x "$sarif_tool" ] || { echo "FAIL: no SARIF Multitool at $sarif_tool (scripts/install-deps installs it)"; exit 1; }
cd "$scratch"

## Bad arguments: exit 2, nothing started.
expect_exit 2 "no budget" -- "$DUET" campaign gt.kv
expect_exit 2 "a budget that is not a duration" -- "$DUET" campaign gt.kv --budget soon
expect_text err "--budget wants a duration" "the bad budget explained"
expect_exit 2 "targets and --all" -- "$DUET" campaign gt.kv --all --budget 60
expect_exit 2 "neither targets nor --all" -- "$DUET" campaign --budget 60
expect_exit 2 "an unknown target" -- "$DUET" campaign no.such --budget 60
expect_exit 2 "too small a budget for all pairs" -- "$DUET" campaign --all --budget 30
# (real pairs: not gt.*, and every side able to run in this build)
real_pairs=$("$DUET" list | awk '!/^ / { if (t != "" && t !~ /^gt\./ && !u) n++; t = $1; u = 0 } /UNAVAILABLE/ { u = 1 }
  END { if (t != "" && t !~ /^gt\./ && !u) n++; print n }')
expect_text err "too small for $real_pairs target" "the minimum named"
if "$DUET" list | grep -q "UNAVAILABLE: GNU coreutils"; then  # the dev build has no GNU coreutils
  expect_exit 2 "an unavailable pair named" -- "$DUET" campaign coreutils --budget 60
  expect_text err "coreutils cannot run in this build: GNU coreutils is not built" "why it cannot run"
fi
expect_exit 2 "a hostile --id" -- "$DUET" campaign gt.kv --budget 60 --id ../x
expect_value "nothing started" "$(ls | grep -c .)" 2 # out, err

## A new finding: nothing is known (DUET_REGRESSIONS_DIR empty), so the planted bugs are new.
expect_exit 5 "--ci fails on a new crash" -- env DUET_REGRESSIONS_DIR= "$DUET" campaign gt.kv --budget 90 --ci \
  --reports r --corpora c --id new
expect_value "the last line is the report" "$(tail -1 out)" "$scratch/r/new/index.html"
expect_text err "campaign 1/1 gt.kv: corpus merged, [0-9]+ -> [0-9]+ inputs" "the working corpus merged"
sarif=r/new/findings.sarif
"$sarif_tool" validate "$sarif" --output validation.sarif >validation.txt 2>&1
expect_value "SARIF Multitool finds no error in findings.sarif" "$(grep -c ': error ' validation.txt)" 0
expect_text validation.txt "1 files scanned" "the multitool read it"
rule=$(json_field "$sarif" '[.runs[0].results[] | select(.ruleId == "duet/crash/heap-buffer-overflow")][0]')
expect_value "a heap overflow result located in the library's own source" \
  "$(echo "$rule" | jq -r '.locations[0].physicalLocation.artifactLocation.uri')" targets/gt.kv/kv.c
expect_value "at a line of it" "$(echo "$rule" | jq ".locations[0].physicalLocation.region.startLine > 0")" true
expect_value "fingerprinted by its signature" "$(echo "$rule" | jq -r '.partialFingerprints["duetSignature/v1"]' | grep -cE '^[0-9a-f]{16}$')" 1
expect_value "no location in duet's or libFuzzer's files" \
  "$(json_field "$sarif" '[.runs[0].results[].locations[].physicalLocation.artifactLocation.uri | select(startswith("harness/") or startswith("/"))] | length')" 0
/usr/bin/python3 - r/new/junit.xml >junit.txt <<'PY' || echo "FAIL: junit.xml" >>junit.txt
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
assert root.tag == "testsuites"
cases = root.findall("./testsuite/testcase")
failures = sum(len(c.findall("failure")) for c in cases)
assert int(root.get("failures")) == failures and int(root.get("tests")) == len(cases)
print(len(cases), "case", [c.get("name") for c in cases], failures > 0)
PY
expect_value "junit.xml well formed, one case per target, failures counted" "$(cat junit.txt)" "1 case ['gt.kv'] True"

## The same bugs known (committed regressions): they never fail the job. The
## exit status agrees with the SARIF: no result, 0 (or 75: a triage the load
## cut short is never "clean"); a result (something new, e.g. a hang under
## load), its severity.
"$DUET" campaign gt.kv --budget 90 --ci --reports r2 --corpora c --id known >out 2>err
status=$?
results=$(json_field r2/known/findings.sarif '.runs[0].results | length')
known=$(cat "$DUET_SOURCE_DIR"/corpora/gt.kv/regressions/*.expect.json | jq -r .signature | sort -u | paste -sd'|')
expect_value "no committed (known) signature is an alert" \
  "$(json_field r2/known/findings.sarif '.runs[0].results[].partialFingerprints["duetSignature/v1"]' | grep -cE "^($known)$")" 0
campaign_lines() { grep '^duet: campaign\|^duet: .*: \(failed\|partial\|interrupted\)' "$1" | sed 's/^/  /'; }
if [ "$results" = 0 ]; then
  expect_true "no alert: exit 0, or 75 for a triage cut short (got $status)" -- [ $status = 0 -o $status = 75 ] ||
    campaign_lines err
  expect_value "no JUnit failure" "$(grep -c '<failure' r2/known/junit.xml)" 0
else
  expect_true "an alert: exit 3-8 (got $status)" -- [ $status -ge 3 -a $status -le 8 ] || campaign_lines err
fi

## Two targets: one budget split fairly, one report with both.
"$DUET" campaign gt.kv base64.decode --budget 80 --reports "r3 with space" --corpora "c with space" --id both >out 2>err
status=$?
expect_true "two targets: nothing new without --ci (0, or 75 for a triage cut short)" -- [ $status = 0 -o $status = 75 ] ||
  campaign_lines err
expect_text err "campaign 1/2 gt.kv: fuzzing for 3[0-9] s of the 80 s left" "the first gets half"
expect_text err "campaign 2/2 base64.decode: fuzzing for [0-9]+ s" "the second gets what is left"
expect_text err "campaign 1/2 gt.kv: corpus merged, [0-9]+ -> [1-9][0-9]* inputs" "a corpus under a path with a space merged, not emptied"
expect_value "what the merge kept is the corpus" "$(ls "c with space/gt.kv/work" | wc -l)" \
  "$(sed -n 's/.*campaign 1\/2 gt.kv: corpus merged, [0-9]* -> \([0-9]*\) inputs/\1/p' err)"
expect_value "one report, both pairs' runs" \
  "$(json_field "r3 with space/both/report.json" '[(.pairs[], .ground_truth.components[]) | select(.target == "base64.decode" or .target == "gt.kv") | (.runs + .unfinished) | length] | map(tostring) | join(",")')" "1,1"

## Ctrl-C: the campaign and everything under it stop; the run says so.
"$DUET" campaign gt.kv base64.decode --budget 120 --reports r4 --corpora c >out4 2>err4 &
pid=$!
wait_for err4 "campaign 1/2 gt.kv: fuzzing" 30
sleep 6
kill -INT $pid
wait $pid
expect_value "stopped by SIGINT" "$?" 130
left=""
for p in /proc/[0-9]*; do # anything still working under the test's folder, but this shell
  n=${p#/proc/}
  [ "$n" = $$ ] || [ "$n" = "$BASHPID" ] && continue
  case "$(readlink "$p/cwd" 2>/dev/null)" in "$scratch" | "$scratch"/*) left="$left $n $(tr '\0' ' ' <"$p/cmdline" 2>/dev/null)" ;; esac
done
expect_value "no process left" "$left" ""
expect_value "the run reads interrupted" "$(json_field r4/gt.kv-*/report.json .status)" interrupted
expect_text err4 "campaign 2/2 base64.decode: skipped, the campaign was stopped" "the next target not started"
finish
