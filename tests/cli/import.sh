# duet triage --import DIR: a folder as ClusterFuzzLite or OSS-Fuzz leaves
# one (crash files, a corpus, stack traces beside), under a path with a
# space, comes back as a triaged finding in the store and a merged working
# corpus; bad input is refused with exit 2 and nothing imported.
. "$(dirname "$0")/lib.sh"
reports="$scratch/reports"
corpora="$scratch/corpora" # no regressions there: the planted bug is new
kv="$DUET_SOURCE_DIR/corpora/gt.kv/regressions/kv-1-no-final-newline.kv"
dir="$scratch/from cfl/duet-fuzz-gt_kv"
mkdir -p "$dir/crashes" "$dir/corpus" "$reports"
cp "$kv" "$dir/crashes/crash-$(sha1sum "$kv" | cut -c1-40)"
echo "==1==ERROR: AddressSanitizer: a stack trace, not an input" >"$dir/crashes/crash-1234.txt"
printf '[a]\nk=v\n' >"$dir/corpus/0f1e2d3c"
printf 'x=1\ny=2\n' >"$dir/corpus/4b5a6978"
before=$(cd "$scratch/from cfl" && find . -type f -exec sha1sum {} + | sort)

expect_exit 5 "import a planted gt.kv crash and a corpus (new crash: exit 5)" -- \
  "$DUET" triage --import "$dir" --reports "$reports" --corpora "$corpora" --minimize-time 5
expect_text "$scratch/err" "gt.kv: 1 crash file\(s\) imported into .*/import-gt\.kv-" "crash copied into a run folder"
expect_text "$scratch/out" "^  dfe1403615cc0690 new +crash +side c\+rust-unsafe heap-buffer-overflow" \
  "classified: crash, sides C and the literal Rust translation"
finding="$reports/findings/gt.kv/dfe1403615cc0690/finding.json"
expect_value "stored finding's class" "$(json_field "$finding" .class)" crash
expect_value "stored finding's side" "$(json_field "$finding" .side)" c+rust-unsafe
run=$(ls -d "$reports"/import-gt.kv-* | head -1)
expect_true "the run folder has its triage.json" -- test -s "$run/triage.json"
expect_value "one artifact, named by its SHA-1" "$(ls "$run/artifacts")" "crash-$(sha1sum "$kv" | cut -c1-40)"
expect_text "$scratch/err" "gt.kv: 2 corpus file\(s\) offered; .*work now holds [1-9][0-9]* input" "corpus merged"
expect_true "the working corpus holds inputs" -- test -n "$(ls "$corpora/gt.kv/work")"
expect_value "the imported folder is untouched" "$(cd "$scratch/from cfl" && find . -type f -exec sha1sum {} + | sort)" "$before"
expect_true "no staging folder left" -- test -z "$(ls -d "$corpora/gt.kv"/work.* 2>/dev/null)"

# Again: the same finding, seen before; the corpus merge keeps it minimal.
expect_exit 5 "import again" -- "$DUET" triage --import "$dir" --reports "$reports" --corpora "$corpora" --minimize-time 0
expect_text "$scratch/out" "^  dfe1403615cc0690 seen-before" "deduplicated by signature"

# An OSS-Fuzz test case download names its fuzzer (identifier form).
mkdir -p "$scratch/downloads"
cp "$DUET_SOURCE_DIR/corpora/gt.kv/regressions/kv-2-data-longer-than-size.kv" \
  "$scratch/downloads/clusterfuzz-testcase-minimized-duet-fuzz-gt_kv-5678901234"
expect_exit 5 "import an OSS-Fuzz test case" -- \
  "$DUET" triage --import "$scratch/downloads" --reports "$reports" --corpora "$corpora" --minimize-time 0
expect_text "$scratch/out" "^  2dd8dd42b26479c0 new +crash +side c\+rust-unsafe heap-buffer-overflow" "test case triaged for gt.kv"

# Bad input: exit 2, one clean line, nothing imported.
runs_before=$(ls -d "$reports"/import-* | wc -l)
expect_exit 2 "no such folder" -- "$DUET" triage --import "$scratch/nope" --reports "$reports"
expect_text "$scratch/err" "no such folder" "missing folder named"
mkdir -p "$scratch/empty dir"
expect_exit 2 "an empty folder" -- "$DUET" triage --import "$scratch/empty dir" --target gt.kv --reports "$reports"
expect_text "$scratch/err" "nothing to import" "empty folder explained"
expect_exit 2 "an unknown target" -- "$DUET" triage --import "$dir" --target no.such --reports "$reports"
expect_text "$scratch/err" "unknown target 'no.such'" "unknown target named"
mkdir -p "$scratch/anon"
cp "$kv" "$scratch/anon/crash-0a"
expect_exit 2 "no target named anywhere" -- "$DUET" triage --import "$scratch/anon" --reports "$reports"
expect_text "$scratch/err" "which target\?" "missing target explained"
mkdir -p "$scratch/big/gt.kv"
cp "$kv" "$scratch/big/gt.kv/crash-0b"
truncate -s 17M "$scratch/big/gt.kv/crash-0c"
expect_exit 2 "a file too big" -- "$DUET" triage --import "$scratch/big" --reports "$reports" --corpora "$corpora"
expect_text "$scratch/err" "crash-0c: 17825792 bytes, over the" "big file named"
expect_exit 2 "--import with a FILE besides" -- "$DUET" triage --import "$dir" "$kv" --reports "$reports"
expect_value "nothing imported by a refusal" "$(ls -d "$reports"/import-* | wc -l)" "$runs_before"

echo "$checks checks, $failures failures"
[ "$failures" -eq 0 ]
