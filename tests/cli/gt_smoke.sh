# Smoke test of fuzzing the ground truth: a 5-second campaign on gt.rle from
# its seeds alone (no committed trigger) finds RLE-2, whose back-reference
# seeds are one byte from it, on every side that has it, with the finding
# the manifest expects. libFuzzer's -seed is fixed so runs repeat.
. "$(dirname "$0")/lib.sh"
expect_exit 0 "validate runs" -- "$DUET" validate --target gt.rle --trials 1 --time 5 --out "$scratch/v" -- -seed=1
json="$scratch/v/validate.json"
side_field() { jq -r --arg b "$1" --arg s "$2" --arg f "$3" '.bugs[] | select(.id == $b) | .sides[] | select(.side == $s) | .[$f]' "$json"; }
for side in c rust rust-unsafe; do
  for field in triggered detected attributed; do
    checks=$((checks + 1))
    got=$(side_field RLE-2 "$side" "$field")
    [ "$got" = 1 ] || { failures=$((failures + 1)); echo "FAIL: RLE-2 on $side: $field is '$got', expected 1"; }
  done
done
checks=$((checks + 1))
[ "$(side_field RLE-2 rust expected)" = panic ] || { failures=$((failures + 1)); echo "FAIL: RLE-2 rust should expect a panic"; }
expect_text "$scratch/v/validate.md" '^\| RLE-2 \| out-of-bounds-read \| rust \| yes \| panic \| 1 \| 1 \| 1 \| 1 \|' "table row"
checks=$((checks + 1))
[ "$(jq '[.bugs[] | select(.component != "gt.rle")] | length' "$json")" = 0 ] || { failures=$((failures + 1)); echo "FAIL: --target gt.rle reported other targets"; }

# duet fuzz itself on a ground-truth target: it also replays the committed
# triggers, so this checks the plumbing (exit 5, crash attributed to the C
# side and the literal translation), not discovery.
expect_exit 5 "duet fuzz gt.rle finds a crash" -- "$DUET" fuzz gt.rle --time 5 --reports "$scratch/r" --corpus "$scratch/c"
expect_text "$(ls "$scratch"/r/*/report.json)" '"side":[[:space:]]*"c\+rust-unsafe"' "attributed to c and rust-unsafe"
finish
