# tiff.decode: libtiff's RGBA reader and the tiff crate agree on TIFFs written
# by libtiff (the build's seeds: same header line and RGBA pixels, README.md),
# both reject broken files and formats outside the shared set; a known
# finding keeps its side and class.
. "$DUET_SOURCE_DIR/tests/cli/lib.sh"
. "$DUET_SOURCE_DIR/tests/cli/pair_lib.sh"
t=tiff.decode
seeds="$(dirname "$DUET")/../../seeds/tiff.decode"

# Lengths follow README.md: "tiff W H photometric P samples S bits B\n"
# (35 bytes + the digits) + W*H*4.
# gray 8-bit 7x5, uncompressed strips: 40 + 140
agree_accept $t "$seeds/seed-00.tif" 180
# gray 16-bit 6x4, LZW, big-endian (high byte): 41 + 96
agree_accept $t "$seeds/seed-01.tif" 137
# RGB 8-bit 20x18 in 16x16 tiles, Deflate + predictor: 42 + 1440
agree_accept $t "$seeds/seed-03.tif" 1482
# RGB 16-bit 5x6, LZW, big-endian (rounded to 8 bits): 41 + 120
agree_accept $t "$seeds/seed-04.tif" 161
# RGBA 8-bit 17x18 tiles, unassociated alpha (premultiplied): 42 + 1224
agree_accept $t "$seeds/seed-05.tif" 1266
# RGBA 16-bit 4x4, associated alpha, Deflate: 41 + 64
agree_accept $t "$seeds/seed-06.tif" 105
# RGBA 8-bit 6x3 without ExtraSamples, LZW + predictor: 40 + 72
agree_accept $t "$seeds/seed-07.tif" 112
# gray 8-bit 18x17 tiles, old Deflate (32946): 42 + 1224
agree_accept $t "$seeds/seed-09.tif" 1266
# MinIsWhite 16-bit 5x5: 41 + 100
agree_accept $t "$seeds/seed-11.tif" 141

# Outside the shared set: palette, 1-bit gray (decoded, then rejected by both).
agree_reject $t "$seeds/seed-12.tif"
expect_text "$scratch/out" "c +alone: reject.*a format outside the shared set" "libtiff decodes a palette image, then rejects it"
agree_reject $t "$seeds/seed-13.tif"

: > "$scratch/empty.tif"
agree_reject $t "$scratch/empty.tif"
agree_reject $t "$(text_file header-only.tif 'II*\000')"
agree_reject $t "$(text_file ifd-past-end.tif 'II*\000\377\000\000\000')"
# an IFD with no entry: no ImageWidth
agree_reject $t "$(text_file empty-ifd.tif 'II*\000\010\000\000\000\000\000\000\000\000\000')"
# a 1x1 gray image whose strip lies past the end of the file
agree_reject $t "$(text_file strip-past-end.tif 'II*\000\010\000\000\000\006\000\000\001\003\000\001\000\000\000\001\000\000\000\001\001\003\000\001\000\000\000\001\000\000\000\002\001\003\000\001\000\000\000\010\000\000\000\006\001\003\000\001\000\000\000\001\000\000\000\021\001\004\000\001\000\000\000\000\020\000\000\027\001\004\000\001\000\000\000\001\000\000\000\000\000\000\000')"

# Findings (README): the crate panics on separate planes, decodes no pixel of
# a tile row or column that fills its side exactly, and libtiff (not mapped)
# rejects uncompressed tiles whose size is not a multiple of 1024.
expect_exit 4 "separate planes: the crate panics" -- "$DUET" repro $t "$seeds/seed-15.tif"
expect_text "$scratch/out" "panic, side rust" "the tiff crate is the side that panics"
# two strip offsets more than a 4x2 image's two strips: the same panic, one signature
planes=$(sed -n 's/^signature //p' "$scratch/out")
extra=$("$DUET" repro $t "$(text_file two-extra-strips.tif '\111\111\052\000\060\000\000\000\000\001\002\003\004\005\006\007\010\000\000\000\014\000\000\000\010\000\000\000\010\000\000\000\004\000\000\000\004\000\000\000\004\000\000\000\004\000\000\000\010\000\000\001\003\000\001\000\000\000\004\000\000\000\001\001\003\000\001\000\000\000\002\000\000\000\002\001\003\000\001\000\000\000\010\000\000\000\006\001\003\000\001\000\000\000\001\000\000\000\021\001\004\000\004\000\000\000\020\000\000\000\025\001\003\000\001\000\000\000\001\000\000\000\026\001\003\000\001\000\000\000\001\000\000\000\027\001\004\000\004\000\000\000\040\000\000\000\000\000\000\000')" | sed -n 's/^signature //p')
expect_true "separate planes and extra strip offsets: one signature ($planes, $extra)" -- test -n "$planes" -a "$planes" = "$extra"
expect_exit 3 "tiles filling the image diverge" -- "$DUET" repro $t "$seeds/seed-16.tif"
expect_text "$scratch/out" "side rust, output-mismatch.*tiles fill a side exactly" "the cause is named"
expect_exit 3 "256-byte uncompressed tiles diverge" -- "$DUET" repro $t "$seeds/seed-17.tif"
expect_text "$scratch/out" "rust accepts, c rejects \\(Invalid tile byte count" "libtiff is the side that rejects"
finish
