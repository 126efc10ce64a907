#!/usr/bin/env bash
# coverage.per_side: `duet coverage` on base64.decode reports non-zero line
# and branch coverage for the C library and for the Rust crate, each growing
# when the corpus grows (one input, then the seeds and more); bad input exits 2.
# The coverage build is its own preset: this test configures and builds
# build/dev/coverage-test (argument 3) for this one pair alone
# (DUET_ONLY_TARGETS: cargo builds only its crates), so ctest alone runs it;
# a second run only checks that it is up to date.
# usage: coverage.sh DUET CHECK_REPORT COVERAGE_BUILD_DIR THIRD_PARTY_DIR
source "$(dirname "$0")/lib.sh"
build=$3
third_party=$4
src=${DUET_SOURCE_DIR:?}

if ! { cmake --preset coverage -S "$src" -B "$build" -DDUET_THIRD_PARTY="$third_party" \
         "-DDUET_ONLY_TARGETS=base64.decode;gt.chunked" &&
       cmake --build "$build" -j2 --target duet-cover-base64.decode duet_seed_corpus_base64_decode \
         duet-cover-gt.chunked duet_seed_corpus_gt_chunked; } \
     >"$scratch/build.log" 2>&1; then
  echo "FAIL: the coverage build of base64.decode did not build:"; tail -30 "$scratch/build.log"; exit 1
fi

reports=$scratch/reports
mkdir -p "$reports" "$scratch/one" "$scratch/more"
expect_exit 2 "an unknown target" -- "$DUET" coverage no.such --build "$build" --reports "$reports"
expect_exit 2 "a missing corpus folder" -- "$DUET" coverage base64.decode --build "$build" --corpus "$scratch/none" --reports "$reports"
expect_exit 2 "no coverage build" -- "$DUET" coverage base64.decode --build "$scratch/none" --reports "$reports"
expect_text "$scratch/err" 'no coverage build at .*cmake --preset coverage' "the fix for a missing coverage build"
expect_exit 2 "a pair the build has no replay binary for" -- "$DUET" coverage zlib.inflate --build "$build" --reports "$reports"
expect_text "$scratch/err" 'duet-cover-zlib.inflate' "the replay binary to build"

# One small input, then the seeds plus inputs that reach the decoders' error paths.
printf 'QUJD' >"$scratch/one/abc"
cp "$build/seeds/base64.decode/"* "$scratch/more/"
printf 'QU*D' >"$scratch/more/bad-char"
printf 'QQ=' >"$scratch/more/short-pad"
printf 'Q===\n' >"$scratch/more/over-pad"
printf 'QUJD\r\nREVG' >"$scratch/more/line-break"

# measure NAME DIR: runs duet coverage; sets $json to its coverage.json.
measure() {
  expect_exit 0 "duet coverage over $1" -- "$DUET" coverage base64.decode --build "$build" --corpus "$2" --reports "$reports/$1"
  json=$(sed -n 's|^\(.*/coverage.json\)$|\1|p' "$scratch/out" | head -1)
  cp "$scratch/out" "$scratch/$1.out"
}
mkdir -p "$reports/one" "$reports/more"
measure one "$scratch/one"
one=$json
measure more "$scratch/more"
more=$json
if [ ! -f "$one" ] || [ ! -f "$more" ]; then echo "FAIL: no coverage.json: '$one' '$more'"; finish; exit 1; fi
expect_true "coverage.json is schema-valid" -- python3 "$src/tests/report/validate_schema.py" \
  "$src/reports/schema/coverage.schema.json" "$one" "$more"
expect_text "$scratch/more.out" '^  c +1 ' "the table's C row (one C file: cdecode.c)"
expect_text "$scratch/more.out" '^  rust ' "the table's Rust row"

# grows SIDE KIND: covered > 0 with one input, and more with the larger corpus.
grows() {
  local small big
  small=$(json_field "$one" ".parts.$1.$2.covered")
  big=$(json_field "$more" ".parts.$1.$2.covered")
  checks=$((checks + 1))
  if ! [ "${small:-0}" -gt 0 ] 2>/dev/null || ! [ "$big" -gt "$small" ] 2>/dev/null; then
    failures=$((failures + 1)); echo "FAIL: $1 $2 covered: $small with one input, $big with more (want 0 < one < more)"
  else
    echo "ok: $1 $2 covered $small -> $big"
  fi
}
grows c lines
grows c branches
grows rust lines
grows rust branches
expect_value "inputs replayed" "$(json_field "$more" .inputs)" "$(($(ls "$scratch/more" | wc -l)))"
expect_value "no input lost" "$(json_field "$more" .inputs_lost)" 0

html=$(dirname "$more")/html/index.html
expect_text "$html" 'cdecode\.c' "llvm-cov's HTML lists the C library"
expect_text "$html" 'base64-0\.13\.0' "llvm-cov's HTML lists the Rust crate"
expect_text "$html" 'targets/base64\.decode/c_adapter\.c' "llvm-cov's HTML lists the adapters"
checks=$((checks + 1))
if grep -q 'harness/src/' "$html"; then failures=$((failures + 1)); echo "FAIL: the HTML lists duet's harness"; fi

# An input that crashes (no sanitizer here: gt.chunked's CHK-3 double free
# aborts in glibc) loses its batch's profile: the batch is replayed one input
# per process, that one input is lost and the others count. The corpus is
# given by a relative path (the replay runs in the run folder).
mkdir -p "$scratch/crash" "$reports/crash"
cp "$build/seeds/gt.chunked/"* "$scratch/crash/"
cp "$src/corpora/gt.chunked/regressions/chk-3-duplicate-header.gtim" "$scratch/crash/"
(cd "$scratch" && "$DUET" coverage gt.chunked --build "$build" --corpus crash --reports "$reports/crash" >crash.out 2>&1)
expect_value "duet coverage over a crashing input: exit status" "$?" 0
crash=$(ls "$reports"/crash/coverage-gt.chunked-*/coverage.json 2>/dev/null | head -1)
expect_value "inputs replayed, one crashing" "$(json_field "$crash" .inputs)" "$(ls "$scratch/crash" | wc -l)"
expect_value "the crashing input is lost" "$(json_field "$crash" .inputs_lost)" 1
checks=$((checks + 1))
if ! [ "$(json_field "$crash" .parts.c.lines.covered)" -gt 0 ] 2>/dev/null; then
  failures=$((failures + 1)); echo "FAIL: the inputs beside the crashing one were not counted:"; cat "$scratch/crash.out"
fi

# duet report shows the pair's coverage per side.
expect_exit 0 "duet report over a coverage run" -- "$DUET" report --reports "$reports/more" --id cmp
expect_text "$reports/more/cmp/report.md" '^\| coverage-base64\.decode-[0-9TZ]+-[0-9]+ \| [0-9]+ \| [0-9]+/[0-9]+ ' \
  "report.md's coverage row for base64.decode"
expect_text "$reports/more/cmp/index.html" '<table class="coverage">' "index.html's coverage table"
finish
