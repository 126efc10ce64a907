# brotli.decode: the sides agree on valid streams, reject invalid ones, and the
# known divergence keeps its side. (brotli.decode-abi: its folder's tests/.)
. "$DUET_SOURCE_DIR/tests/cli/lib.sh"
seeds="$(dirname "$DUET")/../../seeds/brotli.decode"
regressions="$DUET_SOURCE_DIR/corpora/brotli.decode/regressions"

# "hello, brotli" in an uncompressed meta-block (libbrotlienc, quality 5).
printf '\xc0\x00\x10hello, brotli\x03' > "$scratch/hello.br"
# "hello, brotli" four times, space-separated (55 bytes), quality 9: Huffman codes and back-references.
printf '\xc2\x06\x00\x80\x38\x8e\xad\x9b\xdf\x5d\xbd\x88\x48\x35\x88\x3f\xf5\x78\x4e\x3f\x84\xd6\xc7\x00' > "$scratch/repeat.br"
printf '\x06' > "$scratch/empty-stream.br"

target=brotli.decode
expect_exit 0 "$target: hello agrees" -- "$DUET" repro "$target" "$scratch/hello.br"
expect_text "$scratch/out" "c +alone: accept +len 13 " "$target: C decodes 13 bytes"
expect_text "$scratch/out" "rust +alone: accept +len 13 " "$target: Rust decodes 13 bytes"
expect_exit 0 "$target: back-references agree" -- "$DUET" repro "$target" "$scratch/repeat.br"
expect_text "$scratch/out" "rust +alone: accept +len 55 " "$target: Rust decodes 55 bytes"
expect_text "$scratch/out" "verdict none" "$target: no finding on a valid stream"
expect_exit 0 "$target: empty stream" -- "$DUET" repro "$target" "$scratch/empty-stream.br"
expect_text "$scratch/out" "c +alone: accept +len 0 " "$target: empty stream accepted"

# Invalid: truncated, empty input, garbage. Both reject, with the same reason.
head -c 8 "$scratch/hello.br" > "$scratch/truncated.br"
expect_exit 0 "$target: truncated" -- "$DUET" repro "$target" "$scratch/truncated.br"
expect_text "$scratch/out" "c +alone: reject .*\(truncated input\)" "$target: C rejects a truncated stream"
expect_text "$scratch/out" "rust +alone: reject .*\(truncated input\)" "$target: Rust rejects a truncated stream"
: > "$scratch/empty"
expect_exit 0 "$target: empty input" -- "$DUET" repro "$target" "$scratch/empty"
expect_text "$scratch/out" "rust +alone: reject" "$target: empty input rejected"
printf '\xff\xff\xff\xff' > "$scratch/garbage.br"
expect_exit 0 "$target: garbage" -- "$DUET" repro "$target" "$scratch/garbage.br"
expect_text "$scratch/out" "c +alone: reject .*PADDING_2" "$target: C rejects garbage"
expect_text "$scratch/out" "rust +alone: reject .*PADDING_2" "$target: Rust rejects garbage"

# The known divergence: Rust accepts what C rejects, attributed to Rust.
expect_exit 3 "$target: padding divergence" -- "$DUET" repro "$target" "$regressions/final-padding-bit-set.br"
expect_text "$scratch/out" "verdict divergence, side rust, only-candidate-accepts" "$target: padding divergence is Rust's"

# Every stream libbrotlienc made at build time: all sides agree, most accept.
accepted=0
total=0
for f in "$seeds"/*.br; do
  total=$((total + 1))
  expect_exit 0 "seed $(basename "$f") agrees" -- "$DUET" repro brotli.decode "$f"
  grep -qE "rust +alone: accept" "$scratch/out" && accepted=$((accepted + 1))
done
checks=$((checks + 1))
if [ "$total" -lt 50 ] || [ "$accepted" -lt 50 ]; then
  failures=$((failures + 1))
  echo "FAIL: expected at least 50 seeds, 50 accepted; got $total seeds, $accepted accepted"
fi
finish
