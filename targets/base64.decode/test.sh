# base64.decode: libb64 and base64 agree on canonical RFC 4648 text (same
# bytes); on anything else libb64 never rejects, so "invalid" inputs are
# checked as documented divergences with the right side and kind.
. "$DUET_SOURCE_DIR/tests/cli/lib.sh"

# agree TEXT N: both accept TEXT, decode N bytes, and the outputs match.
agree() {
  printf '%s' "$1" > "$scratch/in.b64"
  expect_exit 0 "agree on '$1'" -- "$DUET" repro base64.decode "$scratch/in.b64"
  expect_text "$scratch/out" "c +alone: accept +len $2 " "libb64 decodes '$1' to $2 bytes"
  expect_text "$scratch/out" "rust +alone: accept +len $2 " "base64 decodes '$1' to $2 bytes"
  expect_text "$scratch/out" "verdict none" "no finding on '$1'"
}
agree 'aGVsbG8sIHdvcmxkIQ==' 13
agree 'QUJD' 3
agree 'QUI=' 2
agree 'QQ==' 1
agree 'QQ' 1
agree '+/+/' 3
agree '' 0

# lenient TEXT REASON: libb64 accepts, base64 rejects with REASON.
lenient() {
  printf '%b' "$1" > "$scratch/in.b64"
  expect_exit 3 "'$1' diverges" -- "$DUET" repro base64.decode "$scratch/in.b64"
  expect_text "$scratch/out" "c +alone: accept" "libb64 accepts '$1'"
  expect_text "$scratch/out" "rust +alone: reject .*\($2\)" "base64 rejects '$1' ($2)"
  expect_text "$scratch/out" "verdict divergence, side rust, only-reference-accepts" "classified as rust rejecting"
}
lenient 'QUJD\n' 'invalid byte: whitespace'
lenient 'QU*D' 'invalid byte: another byte outside the alphabet'
lenient 'QUJDR' 'invalid length'
lenient 'QR==' 'invalid last symbol'
lenient 'QUJD{' 'invalid byte: above .z.'
lenient 'QQ==QQ==' 'invalid byte: padding before the end'
# The first departure from the alphabet is the cause (README, "Causes"),
# not what the crate checks first: it tests the length and, for 8k+1 or
# 8k+5 bytes, the last byte before any other.
lenient 'aGVsbG8=a' 'invalid byte: padding before the end'
lenient '{QUJDRUZ\n' 'invalid byte: above .z.'
lenient 'QUJD RUZH' 'invalid byte: whitespace'
finish
