# Triage on inputs of every class the shipped targets produce (the planted
# bugs' triggers): class, side and kind as expected, the same signature on
# two runs, different signatures for different bugs, and minimisation that
# keeps the signature.
. "$(dirname "$0")/lib.sh"
src=$DUET_SOURCE_DIR/corpora
reports=$scratch/reports

# target, input, expected "class side kind"
cases=(
  "gt.tlv|tlv-1-echo-overread.bin|crash c+rust-unsafe heap-buffer-overflow"
  "gt.tlv|tlv-3-list-item-zero-leak.bin|leak c+rust-unsafe leak"
  "gt.chunked|chk-2-bad-palette.gtim|crash c+rust-unsafe heap-use-after-free"
  "gt.chunked|chk-3-duplicate-header.gtim|crash c+rust-unsafe double-free"
  "gt.ringcmd|ring-1-deep-groups.ring|crash c+rust-unsafe stack-overflow"
  "gt.escape|esc-2-long-code-point.txt|crash c+rust-unsafe out-of-bounds-index"
  "gt.utf8to16|u16-2-f8-replace.u8|timeout c+rust-unsafe timeout"
  "gt.tlv|tlv-1-echo-overread-in-packet.bin|divergence rust only-reference-accepts"
  "gt.escape|esc-3-utf8-text.txt|divergence rust only-candidate-accepts"
  "brotli.decode|final-padding-bit-set.br|divergence rust only-candidate-accepts"
)

# Prints "signature class side kind" of the single finding of one triage.
triage_one() {
  "$DUET" triage --target "$1" --reports "$reports" --minimize-time 0 --timeout 3 "$src/$1/regressions/$2" \
    >"$scratch/triage.out" 2>&1
  sed -n 's/^  \([0-9a-f]\{16\}\) [a-z-]* *\([a-z]*\) *side \([^ ]*\) *\([^:]*\):.*/\1 \2 \3 \4/p' "$scratch/triage.out"
}

declare -A seen
for case in "${cases[@]}"; do
  IFS='|' read -r target input want <<<"$case"
  first=$(triage_one "$target" "$input")
  second=$(triage_one "$target" "$input")
  checks=$((checks + 3))
  if [ "${first#* }" != "$want" ]; then
    failures=$((failures + 1)); echo "FAIL: $input: got '${first#* }', expected '$want'"; cat "$scratch/triage.out"
  fi
  if [ -z "$first" ] || [ "${first%% *}" != "${second%% *}" ]; then
    failures=$((failures + 1)); echo "FAIL: $input: signature not stable: '$first' then '$second'"
  fi
  sig=${first%% *}
  if [ -n "${seen[$sig]:-}" ]; then
    failures=$((failures + 1)); echo "FAIL: $input and ${seen[$sig]} share signature $sig"
  fi
  seen[$sig]=$input
done

# Minimisation keeps the signature: a divergence through ddmin, a crash
# through libFuzzer's -minimize_crash.
for case in "gt.tlv|tlv-1-echo-overread-in-packet.bin|3" "gt.rle|rle-1-text-terminator.rl|5"; do
  IFS='|' read -r target input status <<<"$case"
  "$DUET" triage --target "$target" --reports "$scratch/min" --minimize-time 10 --timeout 3 "$src/$target/regressions/$input" \
    >"$scratch/min.out" 2>&1
  expect_text "$scratch/min.out" "minimized [0-9]+ -> [0-9]+ bytes \((duet ddmin|libFuzzer -minimize_crash)\)" "$input minimised"
  sig=$(sed -n 's/^  \([0-9a-f]\{16\}\) .*/\1/p' "$scratch/min.out")
  before=$(sed -n 's/.*minimized \([0-9]*\) -> \([0-9]*\) bytes.*/\1 \2/p' "$scratch/min.out")
  checks=$((checks + 1))
  [ "${before#* }" -le "${before% *}" ] || { failures=$((failures + 1)); echo "FAIL: $input grew: $before"; }
  # The stored minimised input replays to the same finding.
  # (--corpora: no committed regressions, which would make it known and exit 0)
  expect_exit "$status" "retriage minimised $input" -- "$DUET" triage --target "$target" --reports "$scratch/min" --minimize-time 0 \
    --timeout 3 --corpora "$scratch/no-corpora" --json "$scratch/min/findings/$target/$sig/minimized"
  expect_text "$scratch/out" "\"signature\":[[:space:]]*\"$sig\"" "minimised $input keeps signature $sig"
done
finish
