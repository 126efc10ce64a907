# gif.decode: giflib and the gif crate agree on GIFs made by giflib's own
# encoder (the build's seeds: same canonical frames, README.md) and both
# reject broken files; a known divergence keeps its side and kind.
. "$DUET_SOURCE_DIR/tests/cli/lib.sh"
. "$DUET_SOURCE_DIR/tests/cli/pair_lib.sh"
t=gif.decode
seeds="$(dirname "$DUET")/../../seeds/gif.decode"

# Lengths follow README.md: "screen W H\n", then per frame
# "frame L T W H delay D dispose X\n" and W*H*4 bytes of RGBA.
# 8x8, one frame, global 1-bit palette: 11 + 35 + 256
agree_accept $t "$seeds/seed-000.gif" 302
# 13x11 interlaced: 13 + 37 + 572
agree_accept $t "$seeds/seed-002.gif" 622
# 5x4 with a GCE (transparent index, delay 10, dispose 1): 11 + 36 + 80
agree_accept $t "$seeds/seed-003.gif" 127
# three frames (16x16 keep, 6x9 interlaced previous, 8x8 local palette
# background): 13 + 37+1024 + 40+216 + 41+256
agree_accept $t "$seeds/seed-004.gif" 1627
# a zero-area frame whose LZW data ends: 11 + 35
agree_accept $t "$(text_file zero-frame.gif 'GIF89a\001\000\001\000\200\000\000\000\000\000\377\377\377\054\000\000\000\000\000\000\000\000\000\002\002\114\001\000\073')" 46

: > "$scratch/empty.gif"
agree_reject $t "$scratch/empty.gif"
agree_reject $t "$(text_file header-only.gif 'GIF89a\001\000')"
agree_reject $t "$(text_file not-gif.gif 'PNG89a\001\000\001\000\000\000\000\073')"
agree_reject $t "$(text_file no-color-table.gif 'GIF89a\001\000\001\000\000\000\000\054\000\000\000\000\001\000\001\000\000\002\002\114\001\000\073')"
agree_reject $t "$(text_file truncated-data.gif 'GIF89a\001\000\001\000\200\000\000\000\000\000\377\377\377\054\000\000\000\000\002\000\002\000\000\002\001\114')"
agree_reject $t "$(text_file bad-code-size.gif 'GIF89a\001\000\001\000\200\000\000\000\000\000\377\377\377\054\000\000\000\000\001\000\001\000\000\014\002\114\001\000\073')"

# A known divergence (README): the crate rejects a trailer right after the
# global palette.
expect_exit 3 "frameless gif diverges" -- "$DUET" repro $t "$DUET_SOURCE_DIR/corpora/gif.decode/regressions/trailer-after-palette.gif"
expect_text "$scratch/out" "divergence, side rust, only-reference-accepts" "the gif crate is the side that rejects"
finish
