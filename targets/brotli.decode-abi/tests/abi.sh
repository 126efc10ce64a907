# brotli.decode-abi through the real `duet`: the three implementations (C,
# safe Rust, unsafe Rust) agree on valid streams in one-shot and streaming
# mode, 1-byte chunks included, and reject invalid ones alike.
# $1: duet, $2: the report checker (unused).
. "$(dirname "$0")/../../../tests/cli/lib.sh"
seeds="$(dirname "$DUET")/../../seeds/brotli.decode-abi"
regressions="$DUET_SOURCE_DIR/corpora/brotli.decode/regressions"

# CONTROL-byte + stream (README.md): 00 = 1-byte input chunks and 1-byte output
# windows; 80 = one-shot; 7f = 32-byte chunks, 16 KiB windows; 2a = 11-byte
# chunks, 61-byte windows.
stream() { printf "\\x$1"; printf "$2"; }
hello='\xc0\x00\x10hello, brotli\x03'
repeat='\xc2\x06\x00\x80\x38\x8e\xad\x9b\xdf\x5d\xbd\x88\x48\x35\x88\x3f\xf5\x78\x4e\x3f\x84\xd6\xc7\x00'

all_accept() { # FILE LEN WHAT
  for side in c rust rust-unsafe; do
    expect_text "$scratch/out" "^ +$side +alone: accept +len $2 " "$3: $side accepts $2 bytes"
  done
  expect_text "$scratch/out" "verdict none" "$3: no finding"
}
for control in 00 80 7f 2a; do
  stream $control "$hello" > "$scratch/hello-$control.br"
  expect_exit 0 "hello, control $control" -- "$DUET" repro brotli.decode-abi "$scratch/hello-$control.br"
  all_accept "$scratch/out" 13 "hello, control $control"
  stream $control "$repeat" > "$scratch/repeat-$control.br"
  expect_exit 0 "back-references, control $control" -- "$DUET" repro brotli.decode-abi "$scratch/repeat-$control.br"
  all_accept "$scratch/out" 55 "back-references, control $control"
  stream $control '\x06' > "$scratch/empty-$control.br"
  expect_exit 0 "empty stream, control $control" -- "$DUET" repro brotli.decode-abi "$scratch/empty-$control.br"
  all_accept "$scratch/out" 0 "empty stream, control $control"
done

# Invalid input, streaming with 1-byte chunks: the same reason on every side.
stream 00 '\xc0\x00\x10hello' > "$scratch/truncated.br"
expect_exit 0 "truncated, 1-byte chunks" -- "$DUET" repro brotli.decode-abi "$scratch/truncated.br"
for side in c rust rust-unsafe; do
  expect_text "$scratch/out" "^ +$side +alone: reject .*\(truncated input\)" "truncated: $side rejects"
done
stream 00 '\xff\xff\xff\xff' > "$scratch/garbage.br"
expect_exit 0 "garbage, 1-byte chunks" -- "$DUET" repro brotli.decode-abi "$scratch/garbage.br"
for side in c rust rust-unsafe; do
  expect_text "$scratch/out" "^ +$side +alone: reject .*\(BROTLI_DECODER_ERROR_FORMAT_PADDING_2\)" "garbage: $side rejects"
done
stream 80 '\xff\xff\xff\xff' > "$scratch/garbage-one-shot.br"
expect_exit 0 "garbage, one-shot" -- "$DUET" repro brotli.decode-abi "$scratch/garbage-one-shot.br"
expect_text "$scratch/out" "^ +rust-unsafe +alone: reject .*\(BrotliDecoderDecompress failed\)" "garbage one-shot: rust-unsafe rejects"
: > "$scratch/empty"
expect_exit 0 "no control byte" -- "$DUET" repro brotli.decode-abi "$scratch/empty"
expect_text "$scratch/out" "^ +c +alone: reject .*\(no control byte\)" "empty input: rejected"

# brotli.decode's padding divergence shows through the C ABI too, on both Rust builds.
{ printf '\x00'; cat "$regressions/final-padding-bit-set.br"; } > "$scratch/padding.br"
expect_exit 3 "padding divergence through the ABI" -- "$DUET" repro brotli.decode-abi "$scratch/padding.br"
expect_text "$scratch/out" "^ +rust-unsafe +alone: accept +len 13 " "the unsafe build accepts it too"
expect_text "$scratch/out" "verdict divergence, side rust\+rust-unsafe, only-candidate-accepts" "attributed to both Rust builds"

# Every build seed in 1-byte-chunk streaming mode and in one-shot mode: the
# three implementations agree, and most streams decode.
accepted=0
total=0
for f in "$seeds"/*-00.br "$seeds"/*-80.br; do
  total=$((total + 1))
  expect_exit 0 "seed $(basename "$f") agrees" -- "$DUET" repro brotli.decode-abi "$f"
  grep -qE "rust-unsafe +alone: accept" "$scratch/out" && accepted=$((accepted + 1))
done
checks=$((checks + 1))
if [ "$total" -lt 100 ] || [ "$accepted" -lt 100 ]; then
  failures=$((failures + 1))
  echo "FAIL: expected at least 100 seeds, 100 accepted by rust-unsafe; got $total seeds, $accepted accepted"
fi
finish
