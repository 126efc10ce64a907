#!/usr/bin/env bash
# tsan.stress (ctest label "tsan", left out of the dev preset's ctest run and
# so of CI: run it with `ctest --test-dir build/dev -L tsan`): the tsan preset
# compiles both sides with ThreadSanitizer, and `duet stress` from that build
# turns its data-race reports into findings of class corruption, kind
# data-race, attributed to the side its round ran. Planted race TLV-5 (gt.tlv's
# hex table) must show on c and rust-unsafe with frames in their own code,
# never on the safe rewrite. The test configures and builds its own tsan build
# of gt.tlv alone (argument 3, DUET_ONLY_TARGETS), a minute or two the first time.
# usage: tsan.sh DUET CHECK_REPORT TSAN_BUILD_DIR THIRD_PARTY_DIR
source "$(dirname "$0")/lib.sh"
build=$3
third_party=$4
src=${DUET_SOURCE_DIR:?}

if ! { cmake --preset tsan -S "$src" -B "$build" -DDUET_THIRD_PARTY="$third_party" -DDUET_ONLY_TARGETS=gt.tlv &&
       cmake --build "$build" -j2 --target duet duet_seed_corpus_gt_tlv; } >"$scratch/build.log" 2>&1; then
  echo "FAIL: the tsan build of gt.tlv did not build:"; tail -30 "$scratch/build.log"; exit 1
fi
tsan_duet=$build/harness/cli/duet
expect_true "the tsan build's duet is ThreadSanitizer's" -- bash -c "nm '$tsan_duet' | grep -q __tsan_init"

"$tsan_duet" stress gt.tlv --threads 8 --time 20 --reports "$scratch/r" >"$scratch/out" 2>"$scratch/err"
expect_value "exit 9: races found" "$?" 9
json=$(ls "$scratch"/r/stress-gt.tlv-*/stress.json)
expect_value "complete" "$(json_field "$json" .status)" complete
expect_value "the record says ThreadSanitizer" "$(json_field "$json" .sanitizer)" thread
expect_value "data races on c and rust-unsafe, never the safe rewrite" \
  "$(json_field "$json" '[.findings[] | select(.kind == "data-race") | .side] | unique | join(",")')" "c,rust-unsafe"
expect_value "nothing at all on the safe rewrite (no false positive from the uninstrumented std)" \
  "$(json_field "$json" '[.findings[] | select(.side == "rust")] | length')" 0
expect_true "the C race's frames are in tlv.c's table" -- \
  bash -c "jq -e '[.findings[] | select(.side == \"c\" and .kind == \"data-race\") | .frames[]] | any(test(\"hex_init|emit_hex\"))' '$json' >/dev/null"
expect_true "the literal translation's race's frames are in literal.rs" -- \
  bash -c "jq -e '[.findings[] | select(.side == \"rust-unsafe\" and .kind == \"data-race\") | .frames[]] | any(test(\"literal.rs\"))' '$json' >/dev/null"

# Stored like every finding: class corruption, kind data-race, the report kept.
stored=$(jq -r '[.findings[] | select(.side == "c" and .kind == "data-race")][0].finding' "$json")
expect_value "stored as class corruption" "$(json_field "$stored/finding.json" .class)" corruption
expect_value "its kind" "$(json_field "$stored/finding.json" .kind)" data-race
expect_value "under ThreadSanitizer" "$(json_field "$stored/finding.json" .stress.sanitizer)" thread
expect_true "ThreadSanitizer's report kept" -- grep -q "WARNING: ThreadSanitizer: data race" "$stored/tsan.txt"
if [ -n "${DUET_TSAN_SAMPLE:-}" ]; then  # bench-style evidence: keep the run for reports/samples
  mkdir -p "$DUET_TSAN_SAMPLE" && cp -r "$scratch"/r/stress-gt.tlv-* "$scratch/out" "$scratch/err" "$DUET_TSAN_SAMPLE/"
fi
finish
