# snappy.decode: snappy's C API and snap agree on valid raw snappy blocks
# (same bytes) and both reject invalid ones.
. "$DUET_SOURCE_DIR/tests/cli/lib.sh"

# agree HEX N: both accept the block and decode N identical bytes.
agree() {
  printf '%b' "$1" > "$scratch/in.snappy"
  expect_exit 0 "agree on $1" -- "$DUET" repro snappy.decode "$scratch/in.snappy"
  expect_text "$scratch/out" "c +alone: accept +len $2 " "snappy decodes $1 to $2 bytes"
  expect_text "$scratch/out" "rust +alone: accept +len $2 " "snap decodes $1 to $2 bytes"
  expect_text "$scratch/out" "verdict none" "no finding on $1"
}
agree '\x00' 0
agree '\x05\x10hello' 5
# A literal then a 1-byte-offset copy of 6 at offset 2: "abababab".
agree '\x08\x04ab\x09\x02' 8
# A literal then a 2-byte-offset copy: "xyz" repeated to 9 bytes.
agree '\x09\x08xyz\x16\x03\x00' 9
agree '\x06\x14hello!' 6

# reject HEX: both refuse it.
reject() {
  printf '%b' "$1" > "$scratch/bad.snappy"
  expect_exit 0 "both reject $1" -- "$DUET" repro snappy.decode "$scratch/bad.snappy"
  expect_text "$scratch/out" "c +alone: reject" "snappy rejects $1"
  expect_text "$scratch/out" "rust +alone: reject" "snap rejects $1"
}
reject ''
reject '\x05\x10hel'          # literal runs past the input
reject '\x06\x10hello'        # declared 6, produces 5
reject '\x03\x00a\x01\x00'    # copy with offset 0
reject '\x08\x00a\x0d\x05'    # copy offset beyond the output so far
reject '\xff\xff\xff\xff\xff\x01' # length varint longer than 32 bits
reject '\xff\xff\xff\xff\x0f'  # 4 GiB declared: over the output bound on both sides
expect_text "$scratch/out" "declared length over output bound" "the bound is checked before allocating"
# One cause, one signature (README "Causes"): the two literal divergences,
# one snappy's fault and one snap's, are told apart.
regressions="$DUET_SOURCE_DIR/corpora/snappy.decode/regressions"
sig_of() { "$DUET" repro snappy.decode "$regressions/$1" | sed -n 's/^signature //p'; }
wraps=$(sig_of literal-length-wraps)
short=$(sig_of short-literal-long-form-at-end)
expect_true "two literal causes, two signatures ($wraps, $short)" -- test -n "$wraps" -a -n "$short" -a "$wraps" != "$short"
finish
