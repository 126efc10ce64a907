# The identity guard refuses a build whose two sides are the same library, and
# lets the real brotli.decode-abi run. $1: the same_twice executable.
. "$(dirname "$0")/../../../tests/cli/lib.sh"
SAME_TWICE=$1

expect_exit 2 "the same library twice is refused" -- "$SAME_TWICE" mistake
expect_text "$scratch/err" "^duet: refusing to run brotli.decode-abi \(same library twice\): drop-in sides 'c' .* and 'rust' " "refusal names the target and both sides"
expect_text "$scratch/err" "resolve BrotliDecoderCreateInstance \(linked as BrotliDecoderCreateInstance\) and BrotliDecoderCreateInstance \(linked as BrotliDecoderCreateInstance\) to the same code at 0x" "refusal names the shared entry point"
expect_text "$scratch/err" "BrotliDecoderVersion\(\) = 0x01000009.*BrotliDecoderVersion\(\) = 0x01000009" "both probes reach libbrotlidec 1.0.9"
expect_text "$scratch/err" "Drop-in pairs" "refusal says where the fix is documented"

expect_exit 0 "the real drop-in target passes the guard and agrees" -- "$SAME_TWICE" registry
expect_text "$scratch/out" '"target": *"brotli.decode-abi"' "it ran the registry's target"
finish
