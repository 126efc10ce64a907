# png.decode: libpng and the png crate agree on PNGs written by libpng (the
# build's seeds: same IHDR line and RGBA pixels, README.md) and both reject
# broken files; a known divergence keeps its side and kind.
. "$DUET_SOURCE_DIR/tests/cli/lib.sh"
. "$DUET_SOURCE_DIR/tests/cli/pair_lib.sh"
t=png.decode
seeds="$(dirname "$DUET")/../../seeds/png.decode"

# Lengths follow README.md: "png W H depth D color C interlace I\n" + W*H*4.
# gray 1-bit 3x2: 36 + 24
agree_accept $t "$seeds/seed-000.png" 60
# gray 16-bit 7x6: 37 + 168
agree_accept $t "$seeds/seed-004.png" 205
# RGB 8-bit Adam7 8x7 with a tRNS colour key: 36 + 224
agree_accept $t "$seeds/seed-005.png" 260
# palette 2-bit 11x3 with tRNS alpha: 37 + 132
agree_accept $t "$seeds/seed-008.png" 169
# gray+alpha 16-bit 6x7: 37 + 168
agree_accept $t "$seeds/seed-012.png" 205
# a hand-made 1x1 gray pixel: 36 + 4
agree_accept $t "$(text_file one-pixel.png '\211\120\116\107\015\012\032\012\000\000\000\015\111\110\104\122\000\000\000\001\000\000\000\001\010\000\000\000\000\072\176\233\125\000\000\000\012\111\104\101\124\170\234\143\250\007\000\000\201\000\200\323\224\123\112\000\000\000\000\111\105\116\104\256\102\140\202')" 40
# palette index 5 with a 1-entry palette: black, opaque on both sides: 36 + 4
agree_accept $t "$(text_file palette-index-out-of-range.png '\211\120\116\107\015\012\032\012\000\000\000\015\111\110\104\122\000\000\000\001\000\000\000\001\010\003\000\000\000\050\313\064\273\000\000\000\003\120\114\124\105\020\040\060\010\001\212\244\000\000\000\012\111\104\101\124\170\234\143\140\005\000\000\007\000\006\200\315\142\212\000\000\000\000\111\105\116\104\256\102\140\202')" 40

: > "$scratch/empty.png"
agree_reject $t "$scratch/empty.png"
agree_reject $t "$(text_file signature-only.png '\211PNG\r\n\032\n')"
agree_reject $t "$(text_file bad-depth.png '\211\120\116\107\015\012\032\012\000\000\000\015\111\110\104\122\000\000\000\001\000\000\000\001\020\003\000\000\000\170\133\350\370\000\000\000\012\111\104\101\124\170\234\143\250\007\000\000\201\000\200\323\224\123\112\000\000\000\000\111\105\116\104\256\102\140\202')"
agree_reject $t "$(text_file ihdr-crc.png '\211\120\116\107\015\012\032\012\000\000\000\015\111\110\104\122\000\000\000\001\000\000\000\001\010\000\000\000\000\072\176\233\124\000\000\000\012\111\104\101\124\170\234\143\250\007\000\000\201\000\200\323\224\123\112\000\000\000\000\111\105\116\104\256\102\140\202')"
agree_reject $t "$(text_file no-idat.png '\211\120\116\107\015\012\032\012\000\000\000\015\111\110\104\122\000\000\000\001\000\000\000\001\010\000\000\000\000\072\176\233\125\000\000\000\000\111\105\116\104\256\102\140\202')"
agree_reject $t "$(text_file short-idat.png '\211\120\116\107\015\012\032\012\000\000\000\015\111\110\104\122\000\000\000\001\000\000\000\001\010\000\000\000\000\072\176\233\125\000\000\000\011\111\104\101\124\170\234\143\000\000\000\001\000\001\136\377\175\371\000\000\000\000\111\105\116\104\256\102\140\202')"
agree_reject $t "$(text_file bad-filter.png '\211\120\116\107\015\012\032\012\000\000\000\015\111\110\104\122\000\000\000\001\000\000\000\001\010\000\000\000\000\072\176\233\125\000\000\000\012\111\104\101\124\170\234\343\254\007\000\000\223\000\211\022\236\075\071\000\000\000\000\111\105\116\104\256\102\140\202')"
agree_reject $t "$(text_file palette-missing.png '\211\120\116\107\015\012\032\012\000\000\000\015\111\110\104\122\000\000\000\001\000\000\000\001\010\003\000\000\000\050\313\064\273\000\000\000\012\111\104\101\124\170\234\143\250\007\000\000\201\000\200\323\224\123\112\000\000\000\000\111\105\116\104\256\102\140\202')"

# A known divergence (README): the png crate accepts a zero width.
expect_exit 3 "zero width diverges" -- "$DUET" repro $t "$DUET_SOURCE_DIR/corpora/png.decode/regressions/zero-width.png"
expect_text "$scratch/out" "divergence, side rust, only-candidate-accepts" "the png crate is the side that accepts"
# One cause, one signature (README "Causes"): two IHDR problems behind one libpng error.
regressions="$DUET_SOURCE_DIR/corpora/png.decode/regressions"
zero=$("$DUET" repro png.decode "$regressions/zero-width.png" | sed -n 's/^signature //p')
wide=$("$DUET" repro png.decode "$regressions/width-over-1e6.png" | sed -n 's/^signature //p')
expect_true "a zero width and a width over the limit: two signatures ($zero, $wide)" -- test -n "$zero" -a "$zero" != "$wide"
# The png crate reads no chunk after the image data: libpng's three errors
# there (an invalid chunk type, IEND's length running past the input, a
# critical chunk's CRC) are one cause, one signature.
after=$(for f in garbage-after-idat.png iend-length-128mib.png 654b8d71123caa7d; do
  "$DUET" repro png.decode "$regressions/$f" | sed -n 's/^signature //p'
done | sort -u)
expect_value "three errors after the image data: one signature" "$(echo "$after" | grep -c .)" "1"
"$DUET" repro png.decode "$regressions/garbage-after-idat.png" > "$scratch/after.out"
expect_text "$scratch/after.out" "rust accepts, c rejects \(a broken chunk after the image data\)" "the cause is named"
finish
