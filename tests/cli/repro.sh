# duet repro on crafted zlib inputs: per-side status, verdict and exit status.
. "$(dirname "$0")/lib.sh"
regressions="$DUET_SOURCE_DIR/corpora/zlib.inflate/regressions"

# A valid stream: both accept the same bytes.
printf 'x\x9c\xcbH\xcd\xc9\xc9W(\xcf/\xcaI\x01\x00\x1a\x0b\x04]' > "$scratch/hello.zz"
expect_exit 0 "valid stream agrees" -- "$DUET" repro zlib.inflate "$scratch/hello.zz"
expect_text "$scratch/out" "c +alone: accept +len 11 " "C side accepts 11 bytes"
expect_text "$scratch/out" "rust +alone: accept +len 11 " "Rust side accepts 11 bytes"
expect_text "$scratch/out" "verdict none" "no finding"

# The truncated-trailer and corrupted-checksum streams: both sides reject.
expect_exit 0 "truncated trailer" -- "$DUET" repro zlib.inflate "$regressions/trailer-truncated.zz"
expect_text "$scratch/out" "c +alone: reject .*\(truncated input\)" "zlib rejects the truncated trailer"
expect_text "$scratch/out" "rust +alone: reject .*\(truncated input\)" "miniz_oxide rejects the truncated trailer"
expect_exit 0 "corrupted adler32" -- "$DUET" repro zlib.inflate "$regressions/adler32-corrupted.zz"
expect_text "$scratch/out" "c +alone: reject .*\(incorrect data check\)" "zlib rejects a bad adler32"
expect_text "$scratch/out" "rust +alone: reject .*\(adler32 mismatch\)" "miniz_oxide rejects a bad adler32"

# Machine-readable output carries the same facts.
expect_exit 0 "json output" -- "$DUET" repro --json zlib.inflate "$scratch/hello.zz"
expect_text "$scratch/out" '"class":[[:space:]]*"none"' "json verdict"
expect_text "$scratch/out" '"sha1":[[:space:]]*"[0-9a-f]{40}"' "json sha1"

# Empty input is an input like any other: both reject it.
: > "$scratch/empty"
expect_exit 0 "empty input" -- "$DUET" repro zlib.inflate "$scratch/empty"
expect_text "$scratch/out" "rust +alone: reject" "empty input rejected"
# The unsafe surface of the Rust side: miniz_oxide forbids unsafe code, the FFI glue has some.
expect_exit 0 "unsafe surface" -- "$DUET" unsafe zlib.inflate
expect_text "$scratch/out" "miniz_oxide +0\.6\.2 +library .* yes( |$)" "miniz_oxide forbids unsafe_code"
expect_text "$scratch/out" "duet_ffi +0\.1\.0 +harness +[0-9]+ +[1-9]" "the harness crate's unsafe is counted"
expect_exit 2 "unsafe of an unknown target" -- "$DUET" unsafe nope
finish
