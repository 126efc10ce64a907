# Ground truth (targets/ground-truth.json): every committed trigger, fed to
# every side alone, shows the finding the manifest expects for that side and
# triggers the bug's canary; a wrong expectation fails; canaries reach the
# DUET-RESULT record.
. "$(dirname "$0")/lib.sh"
manifest="$DUET_SOURCE_DIR/targets/ground-truth.json"

expect_exit 0 "every trigger matches the manifest" -- "$DUET" validate --triggers --timeout 5
cp "$scratch/out" "$scratch/triggers.out"
want=$(jq '[.bugs[] | .triggers | length] | add * 3' "$manifest")
got=$(grep -c '^PASS ' "$scratch/triggers.out")
checks=$((checks + 1))
if [ "$got" != "$want" ]; then
  failures=$((failures + 1))
  echo "FAIL: $got PASS lines, expected $want (3 sides x every trigger)"
fi
for id in $(jq -r '.bugs[].id' "$manifest"); do
  expect_text "$scratch/triggers.out" "^PASS +$id +c +" "$id checked on the C side"
  expect_text "$scratch/triggers.out" "^PASS +$id +rust +" "$id checked on the safe Rust side"
  expect_text "$scratch/triggers.out" "^PASS +$id +rust-unsafe +" "$id checked on the unsafe Rust side"
done
expect_text "$scratch/triggers.out" "^PASS +RLE-2 +rust +panic " "the safe rewrite panics on RLE-2"
expect_text "$scratch/triggers.out" "^PASS +ESC-3 +rust +divergence/only-candidate-accepts " "ESC-3 is a divergence"

# A manifest that expects the wrong finding fails, naming bug and side.
jq '(.bugs[] | select(.id == "CHK-3") | .triggers[0].expect.c.kind) = "heap-use-after-free"' "$manifest" > "$scratch/wrong.json"
expect_exit 1 "a wrong expectation fails" -- "$DUET" validate --triggers --timeout 5 --manifest "$scratch/wrong.json"
expect_text "$scratch/out" "^FAIL +CHK-3 +c +crash/double-free" "the mismatch is reported"
expect_text "$scratch/out" "expected crash/heap-use-after-free" "with what was expected"

# A manifest naming an unknown target is refused.
jq '.bugs[0].component = "gt.nonesuch"' "$manifest" > "$scratch/broken.json"
expect_exit 2 "a broken manifest is refused" -- "$DUET" validate --triggers --manifest "$scratch/broken.json"
expect_text "$scratch/err" "known component" "with the reason"

# Canaries are counted per side in the DUET-RESULT record.
regressions="$DUET_SOURCE_DIR/corpora/gt.tlv/regressions"
expect_exit 0 "exec prints canaries" -- "$DUET" exec gt.tlv "$regressions/tlv-1-echo-overread-in-packet.bin"
sed -n 's/^DUET-RESULT //p' "$scratch/out" > "$scratch/result.json"
for side in c rust rust-unsafe; do
  n=$(jq --arg s "$side" '[.canaries[] | select(.id == "TLV-1" and .side == $s and .triggered == 1)] | length' "$scratch/result.json")
  checks=$((checks + 1))
  [ "$n" = 1 ] || { failures=$((failures + 1)); echo "FAIL: TLV-1 canary not triggered once on $side"; }
done
expect_exit 0 "per-item canary" -- "$DUET" exec gt.tlv "$DUET_SOURCE_DIR/corpora/gt.tlv/regressions/tlv-3-list-item-zero-leak.bin" --side rust
expect_text "$scratch/out" '"id":"TLV-3","side":"rust","reached":2,"triggered":1' "reached per item, triggered once"
finish
