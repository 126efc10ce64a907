# `duet unsafe` on real pairs: facts that hold for the crates as Debian ships
# them and as the build resolves their features (claim C5).
. "$(dirname "$0")/lib.sh"

expect_exit 0 "duet unsafe --json" -- "$DUET" unsafe png.decode zlib.inflate brotli.decode-abi --json
cp "$scratch/out" "$scratch/unsafe.json"
field() { json_field "$scratch/unsafe.json" "$1"; }
crate() { echo ".\"$1\".crates[] | select(.crate == \"$2\")"; }

# png forbids unsafe_code and compiles none: the rewrite needs no unsafe of its own.
expect_value "png's role" "$(field "$(crate png.decode png) | .role")" library
expect_value "png forbids unsafe_code" "$(field "$(crate png.decode png) | .forbids_unsafe_code")" true
expect_value "png's own sites" "$(field "$(crate png.decode png) | .unsafe_blocks + .unsafe_functions + .unsafe_impls + .unsafe_traits")" 0
expect_value "png.decode's rewrite total" "$(field '."png.decode".totals.rewrite')" 0
# Its dependencies' unsafe is theirs: flate2 is a dependency, and its zlib
# backend (src/ffi/c.rs, feature "zlib") is not compiled, so not counted.
expect_value "flate2's role" "$(field "$(crate png.decode flate2) | .role")" dependency
expect_value "flate2's features" "$(field "$(crate png.decode flate2) | .features | index(\"zlib\")")" null
expect_value "flate2's ffi/c.rs excluded" \
  "$(field "$(crate png.decode flate2) | .excluded_by_cfg.files | map(select(endswith(\"/src/ffi/c.rs\"))) | length")" 1
expect_value "png.decode's dependency total" "$(field '."png.decode".totals.dependencies > 0')" true
# A cfg set by a build script (crc32fast's build.rs) is evaluated: its
# SIMD code, behind #[cfg(crc32fast_stdarchx86)], is compiled and counted.
expect_value "crc32fast's build-script cfg" \
  "$(field "$(crate png.decode crc32fast) | .build_script_cfgs | index(\"crc32fast_stdarchx86\") != null")" true
expect_value "crc32fast's SIMD unsafe counted" "$(field "$(crate png.decode crc32fast) | .unsafe_functions > 0")" true
expect_value "png.decode's adapter" "$(field "$(crate png.decode duet_target_png_decode) | .role")" adapter
expect_value "png.decode's harness crate" "$(field "$(crate png.decode duet_ffi) | .role")" harness

expect_value "miniz_oxide forbids unsafe_code" "$(field "$(crate zlib.inflate miniz_oxide) | .forbids_unsafe_code")" true
expect_value "zlib.inflate's rewrite total" "$(field '."zlib.inflate".totals.rewrite')" 0

# The patched brotli copy is marked and left out of the totals: counted once.
abi=brotli.decode-abi
expect_value "the copy's same_as" "$(field "$(crate $abi brotli-decompressor-unsafe) | .same_as")" "brotli-decompressor 2.3.4"
expect_value "the copy is not in the total" "$(field ".\"$abi\".totals.rewrite")" \
  "$(field "$(crate $abi brotli-decompressor) | .unsafe_blocks + .unsafe_functions + .unsafe_impls + .unsafe_traits")"

expect_exit 0 "duet unsafe (text)" -- "$DUET" unsafe png.decode brotli.decode-abi
expect_text "$scratch/out" "^png.decode: unsafe sites in the rewrite 0, its dependencies [1-9]" "per-pair totals shown"
expect_text "$scratch/out" "flate2 .* dependency .*1 files: [0-9]+ sites" "excluded by cfg shown"
expect_text "$scratch/out" "copy of brotli-decompressor 2.3.4: not in totals" "the copy is marked"
expect_text "$scratch/out" "^all pairs \(each crate once, copies skipped\)" "cross-pair totals"

finish
