# The campaign loop's ground truth: gt.kv has a shallow planted bug (KV-1, on
# nearly every input) and a deep one (KV-2) in the same function. A
# 5-minute campaign from the seeds alone must find both, on both sides that
# have them. Before the campaign loop, every fork-mode job died on KV-1
# within a few hundred executions and KV-2 was never reached.
. "$(dirname "$0")/lib.sh"
expect_exit 0 "validate runs" -- "$DUET" validate --target gt.kv --trials 1 --time 300 --max-artifacts 20 --out "$scratch/v" -- -seed=1
json="$scratch/v/validate.json"
side_field() { jq -r --arg b "$1" --arg s "$2" --arg f "$3" '.bugs[] | select(.id == $b) | .sides[] | select(.side == $s) | .[$f]' "$json"; }
for bug in KV-1 KV-2; do
  for side in c rust-unsafe; do
    for field in triggered detected attributed; do
      checks=$((checks + 1))
      got=$(side_field "$bug" "$side" "$field")
      [ "$got" = 1 ] || { failures=$((failures + 1)); echo "FAIL: $bug on $side: $field is '$got', expected 1"; }
    done
  done
done
sed -n '/^| KV/p' "$scratch/v/validate.md"
finish
